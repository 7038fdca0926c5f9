package fr.lexom.contracts.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every path, before the authentication filters: gives the engine's password check the client
 * address of the request ({@code request.getRemoteAddr()}; behind a reverse proxy, let Spring Boot take it from
 * the proxy's headers, {@code server.forward-headers-strategy}) and, when a temporary lock refused the password,
 * turns the door's plain 401 into an answer that says why and for how long:
 * <ul>
 *   <li>the webapps' login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}): 401 with
 *   {@code {"message": "Trop de tentatives de connexion : réessayez dans N minutes."}}, which Camunda's login page
 *   shows in place of its own text;</li>
 *   <li>any other door (HTTP Basic on /engine-rest and /api): 429 with a problem-details body in French.</li>
 * </ul>
 * Both carry {@code Retry-After} (seconds). Other answers pass through untouched.
 */
public class ClientAddressFilter extends OncePerRequestFilter {

    private static final Pattern WEBAPP_LOGIN = Pattern.compile(".*/api/admin/auth/user/[^/]+/login/[^/]+/?");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        LoginRequest login = LoginRequest.begin(request.getRemoteAddr());
        try {
            chain.doFilter(request, new LockAnswering(response, login, isWebappLogin(request)));
        } finally {
            LoginRequest.end();
        }
    }

    private static boolean isWebappLogin(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches();
    }

    /** « Trop de tentatives de connexion : réessayez dans N minutes. » */
    static String message(long lockedUntil, long now) {
        long minutes = Math.max(1, (lockedUntil - now + 59_999) / 60_000);
        return "Trop de tentatives de connexion : réessayez dans " + minutes + (minutes == 1 ? " minute." : " minutes.");
    }

    /**
     * Passes everything through, except the 401 of a password check refused by a lock: that one is answered here,
     * and whatever the door writes after it is dropped.
     */
    static final class LockAnswering extends HttpServletResponseWrapper {
        private final LoginRequest login;
        private final boolean webappLogin;
        private boolean answered;

        LockAnswering(HttpServletResponse response, LoginRequest login, boolean webappLogin) {
            super(response);
            this.login = login;
            this.webappLogin = webappLogin;
        }

        @Override
        public void setStatus(int status) {
            if (!answered(status)) {
                super.setStatus(status);
            }
        }

        @Override
        public void sendError(int status) throws IOException {
            if (!answered(status)) {
                super.sendError(status);
            }
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (!answered(status)) {
                super.sendError(status, message);
            }
        }

        /** True if this response is (now) the lock's answer: the door's own status is then ignored. */
        private boolean answered(int status) {
            if (answered) {
                return true;
            }
            long until = login.lockedUntil();
            if (status != HttpServletResponse.SC_UNAUTHORIZED || until == 0 || isCommitted()) {
                return false;
            }
            answered = true;
            long now = LoginThrottle.now();
            String message = message(until, now);
            HttpServletResponse response = (HttpServletResponse) getResponse();
            response.resetBuffer();
            int answer = webappLogin ? HttpServletResponse.SC_UNAUTHORIZED : 429;
            response.setStatus(answer);
            response.setHeader("Retry-After", Long.toString(Math.max(1, (until - now + 999) / 1000)));
            response.setHeader("Cache-Control", "no-store");
            response.setContentType((webappLogin ? "application/json" : "application/problem+json") + ";charset=UTF-8");
            String body = "{\"type\":\"https://lexom.fr/problems/" + (webappLogin ? "login-locked" : "429") + "\","
                    + "\"title\":\"Trop de tentatives de connexion\",\"status\":" + answer + ","
                    + "\"detail\":\"" + message + "\""
                    // the webapps' login page shows a "message"; /api and /engine-rest answer plain problem details
                    + (webappLogin ? ",\"message\":\"" + message + "\"" : "") + "}";
            try {
                PrintWriter writer = response.getWriter();
                writer.write(body);
                writer.flush();
            } catch (IOException | IllegalStateException e) {
                // the door had already opened the output stream: the status and Retry-After still say it
            }
            return true;
        }

        // once answered, the door's headers and body go nowhere

        @Override
        public void setHeader(String name, String value) {
            if (!answered) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!answered) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!answered) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (!answered) {
                super.addIntHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!answered) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!answered) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void setContentType(String type) {
            if (!answered) {
                super.setContentType(type);
            }
        }

        @Override
        public void setCharacterEncoding(String charset) {
            if (!answered) {
                super.setCharacterEncoding(charset);
            }
        }

        @Override
        public void setContentLength(int length) {
            if (!answered) {
                super.setContentLength(length);
            }
        }

        @Override
        public void setContentLengthLong(long length) {
            if (!answered) {
                super.setContentLengthLong(length);
            }
        }

        @Override
        public void setLocale(Locale locale) {
            if (!answered) {
                super.setLocale(locale);
            }
        }

        @Override
        public void reset() {
            if (!answered) {
                super.reset();
            }
        }

        @Override
        public void resetBuffer() {
            if (!answered) {
                super.resetBuffer();
            }
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            return answered ? new PrintWriter(Writer.nullWriter()) : super.getWriter();
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            return answered ? new Discarding() : super.getOutputStream();
        }
    }

    private static final class Discarding extends ServletOutputStream {
        private final OutputStream sink = OutputStream.nullOutputStream();

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // writes never block
        }

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
        }
    }
}
