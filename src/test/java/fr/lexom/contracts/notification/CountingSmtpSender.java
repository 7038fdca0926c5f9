package fr.lexom.contracts.notification;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Spring's JavaMailSenderImpl, unchanged, over a real SMTP connection to the test server, that counts the
 * connections it opens and refuses the recipients given, as a server answering 550 to their RCPT TO would:
 * the message fails with a SendFailedException and the connection carries on with the next one. (GreenMail
 * accepts every recipient, so the refusal is played on the client's side of the same connection.)
 */
class CountingSmtpSender extends JavaMailSenderImpl {

    final AtomicInteger connections = new AtomicInteger();
    private final Set<String> refused;

    CountingSmtpSender(int port, String... refused) {
        setHost("127.0.0.1");
        setPort(port);
        getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        getJavaMailProperties().put("mail.smtp.timeout", "2000");
        this.refused = Set.of(refused);
    }

    @Override
    protected Transport getTransport(Session session) {
        return new SMTPTransport(session, new URLName("smtp", getHost(), getPort(), null, null, null)) {
            @Override
            protected synchronized boolean protocolConnect(String host, int port, String user, String password)
                    throws MessagingException {
                boolean connected = super.protocolConnect(host, port, user, password);
                connections.incrementAndGet();
                return connected;
            }

            @Override
            public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
                if (Arrays.stream(addresses).anyMatch(a -> refused.contains(a.toString()))) {
                    throw new SendFailedException("550 5.1.1 Recipient address rejected: user unknown", null,
                            new Address[0], new Address[0], addresses);
                }
                super.sendMessage(message, addresses);
            }
        };
    }
}
