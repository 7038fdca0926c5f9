package fr.lexom.contracts.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 24: the copy of a mail in an evidence file keeps no personal link, and only those are removed. */
class MailCopiesTest {

    private static final String TOKEN = "djEuNDIuQVRURU5EQU5DRS4xOTAwMDAwMDAw.q3-_Zx09aBcD";

    @Test
    void participantsTrainersAndEvaluationLinksAreRemoved() {
        String text = """
                Votre page : https://formation.lexom.fr/p/%1$s
                Évaluation : https://formation.lexom.fr/p/%1$s/evaluation/chaud.
                Formateur : <a href="http://localhost:8080/p/formateur/%1$s">/p/formateur/%1$s</a>
                """.formatted(TOKEN);
        assertThat(MailCopies.carriesPersonalLink(text)).isTrue();
        String copy = MailCopies.withoutPersonalLinks(text);
        assertThat(copy).doesNotContain(TOKEN, "/p/")
                .contains("Votre page : " + MailCopies.LINK_REMOVED + "\n")
                .contains("Évaluation : " + MailCopies.LINK_REMOVED + ".\n")
                .contains("<a href=\"" + MailCopies.LINK_REMOVED + "\">" + MailCopies.LINK_REMOVED + "</a>");
    }

    @Test
    void otherLinksAndTextStayAsTheyWere() {
        String text = "Devis : https://formation.lexom.fr/api/contracts/DEV-2026-00001/documents ; la p/ 12 ; /p/sans-jeton";
        assertThat(MailCopies.carriesPersonalLink(text)).isFalse();
        assertThat(MailCopies.withoutPersonalLinks(text)).isEqualTo(text);
        assertThat(MailCopies.withoutPersonalLinks(null)).isNull();
    }
}
