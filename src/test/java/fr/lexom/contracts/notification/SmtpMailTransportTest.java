package fr.lexom.contracts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP transport's batch: one connection for all its mails, a refused mail fails alone, an outage fails all. */
class SmtpMailTransportTest {

    private static final String FROM = "LEXOM Formation <formation@lexom.fr>";

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void aBatchGoesOverOneSmtpConnectionAndEachMailArrivesOnce() throws Exception {
        CountingSmtpSender sender = new CountingSmtpSender(smtp.getSmtp().getPort());
        List<PendingMail> mails = mails(30);

        Map<Long, Exception> failed = new SmtpMailTransport(sender, FROM).deliverAll(mails, () -> { });

        assertThat(failed).isEmpty();
        assertThat(sender.connections).hasValue(1);
        assertThat(receivedCountByMessageId()).containsExactlyInAnyOrderEntriesOf(
                mails.stream().collect(Collectors.toMap(PendingMail::messageId, m -> 1L)));
    }

    @Test
    void aMailRefusedForItsRecipientFailsAloneAndTheRestOfTheBatchIsSentOverTheSameConnection() throws Exception {
        List<PendingMail> mails = mails(5);
        PendingMail refused = mails.get(2);
        CountingSmtpSender sender = new CountingSmtpSender(smtp.getSmtp().getPort(), refused.recipients().get(0));

        Map<Long, Exception> failed = new SmtpMailTransport(sender, FROM).deliverAll(mails, () -> { });

        assertThat(failed).containsOnlyKeys(refused.id());
        assertThat(failed.get(refused.id())).hasMessageContaining("550");
        assertThat(sender.connections).hasValue(1);
        assertThat(receivedCountByMessageId()).containsOnlyKeys(mails.stream().filter(m -> m != refused)
                .map(PendingMail::messageId).toList()).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
    }

    /** Spring reports every message as failed when the connection cannot be opened ("Mail server connection failed"). */
    @Test
    void whenTheServerCannotBeReachedEveryMailOfTheBatchFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<PendingMail> mails = mails(4);

        Map<Long, Exception> failed = new SmtpMailTransport(new CountingSmtpSender(closedPort), FROM)
                .deliverAll(mails, () -> { });

        assertThat(failed).containsOnlyKeys(mails.stream().map(PendingMail::id).toList());
        assertThat(failed.values()).allSatisfy(e -> assertThat(e).isInstanceOf(MessagingException.class)); // each its own
    }

    @Test
    void theSenderIsToldBeforeEachMailGoesOutSoThatItCanRenewItsClaim() throws Exception {
        CountingSmtpSender sender = new CountingSmtpSender(smtp.getSmtp().getPort());
        AtomicInteger told = new AtomicInteger();
        AtomicInteger receivedWhenTold = new AtomicInteger(-1);

        new SmtpMailTransport(sender, FROM).deliverAll(mails(3), () -> {
            if (told.incrementAndGet() == 3) {
                receivedWhenTold.set(smtp.getReceivedMessages().length);
            }
        });

        assertThat(told).hasValue(3);
        assertThat(receivedWhenTold).hasValue(2); // told before the third mail, not after the batch
    }

    private Map<String, Long> receivedCountByMessageId() {
        return Arrays.stream(smtp.getReceivedMessages()).collect(Collectors.groupingBy(
                SmtpMailTransportTest::messageId, Collectors.counting()));
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PendingMail> mails(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new PendingMail(i, Outbox.messageId("T/" + i + "/" + System.nanoTime()),
                "T/" + i, "quote", List.of("client" + i + "@batch.example"), "Votre devis " + i, "Bonjour " + i, null, 0,
                List.of())).toList();
    }
}
