package fr.lexom.contracts.security;

/**
 * What the engine's password check needs from the HTTP request it runs in, and what it tells back: the client
 * address (set by {@link ClientAddressFilter} for the request's thread) and, when the check was refused by a
 * temporary lock, the lock's end, which the filter turns into the French answer.
 */
final class LoginRequest {

    private static final ThreadLocal<LoginRequest> CURRENT = new ThreadLocal<>();

    private final String clientAddress;
    private volatile long lockedUntil;

    private LoginRequest(String clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** Starts the request's context on this thread; {@link #end()} it in a finally. */
    static LoginRequest begin(String clientAddress) {
        LoginRequest request = new LoginRequest(clientAddress);
        CURRENT.set(request);
        return request;
    }

    static void end() {
        CURRENT.remove();
    }

    /** The request on this thread, or null outside an HTTP request (jobs, startup, tests calling the engine). */
    static LoginRequest current() {
        return CURRENT.get();
    }

    static String currentAddress() {
        LoginRequest request = CURRENT.get();
        return request == null ? null : request.clientAddress;
    }

    static void refusedUntil(long until) {
        LoginRequest request = CURRENT.get();
        if (request != null) {
            request.lockedUntil = until;
        }
    }

    String clientAddress() {
        return clientAddress;
    }

    /** The end of the lock that refused a password in this request (epoch millis), 0 if none did. */
    long lockedUntil() {
        return lockedUntil;
    }
}
