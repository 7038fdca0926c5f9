package fr.lexom.contracts.browser;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.delivery.HalfDays;
import fr.lexom.contracts.delivery.Trainers;
import fr.lexom.contracts.support.IntegrationTest;
import fr.lexom.contracts.support.QuoteForms;
import fr.lexom.contracts.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 23 on a phone-sized Chromium: a participant opens the link of her convocation and signs two half-days, the
 * trainer countersigns them from his own link, then coordination finds « Enregistrer l'émargement » pre-filled from
 * the signatures in Tasklist (E1).
 */
@IntegrationTest
@ExtendWith(BrowserAvailable.class)
class ParticipantJourneyTest extends BrowserJourney {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/p/[A-Za-z0-9_/.-]+)");

    @Autowired
    Trainers trainers;
    @Autowired
    org.springframework.boot.test.web.client.TestRestTemplate rest;

    @Test
    void aParticipantSignsTwoHalfDaysOnAPhoneTheTrainerCountersignsAndCoordinationFindsThemTicked_E1() {
        ProcessInstance contract = acceptedContract(QuoteForms.company(today().plusMonths(2)));
        String number = contractNumber(contract);
        payInTask(contract, "Task_CollectDeposit", "864,00", "VIR-" + UUID.randomUUID());
        trainers.assignToContract(number, trainers.save(Trainers.Kind.EXTERNAL, "Hugo Lambert",
                "hugo.lambert-" + UUID.randomUUID().toString().substring(0, 8) + "@formateurs.example"));
        fireTimer(contract, "Timer_ConvocationDue");
        fireTimer(contract, "Timer_TrainingStarts");
        var first = contractService.find(number).startsOn();
        HalfDays.HalfDay morning = halfDays.of(first, "AM");
        HalfDays.HalfDay afternoon = halfDays.of(first, "PM");
        at(morning.start().plus(Duration.ofMinutes(7)));

        // Anne Dupont opens the link of her convocation on her phone
        String anne = linkIn(number, "convocation", "Bonjour Anne");
        openPhoneBrowser("participant");
        browser.open(url(anne));
        browser.visible(By.xpath("//h1[contains(., 'Bonjour Anne Dupont')]"));
        assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth + 1;"))
                .as("nothing wider than the phone's screen").isEqualTo(true);
        browser.screenshot("participant-page-on-a-phone");
        // keyboard only: the button is reached by Tab and pressed with Enter
        signWithTheKeyboard("Je signe ma présence : " + morning.label());
        browser.visible(By.xpath("//*[@role='status'][contains(., 'Votre présence est signée pour le " + morning.label() + "')]"));
        browser.screenshot("participant-signed-the-morning");

        at(afternoon.start().plus(Duration.ofMinutes(3)));
        browser.open(url(anne));
        browser.click(By.xpath("//button[normalize-space(.)=\"Je signe ma présence : " + afternoon.label() + "\"]"));
        browser.visible(By.xpath("//*[@role='status'][contains(., 'Votre présence est signée pour le " + afternoon.label() + "')]"));
        List<String> states = browser.texts("ul.halves .state");
        assertThat(states.subList(0, 2)).allMatch(s -> s.startsWith("Signée le "));
        browser.screenshot("participant-signed-the-afternoon");

        // the trainer, on his phone, countersigns both half-days of the day (the morning is within its grace)
        at(afternoon.end().plus(Duration.ofMinutes(10)));
        browser.open(url(linkIn(number, "trainer-link", "Bonjour Hugo Lambert")));
        browser.visible(By.xpath("//h1[contains(., 'Bonjour Hugo Lambert')]"));
        assertThat(browser.text()).contains("Anne Dupont : signé le ", "Luc Martin : pas de signature");
        browser.screenshot("trainer-page-on-a-phone");
        browser.click(By.xpath("//button[normalize-space(.)=\"Je contresigne : " + afternoon.label() + "\"]"));
        browser.visible(By.xpath("//*[@role='status'][contains(., 'Vous avez contresigné le " + afternoon.label() + "')]"));
        browser.screenshot("trainer-countersigned");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attendance_countersignature WHERE contract_id = ?")
                .param(contractService.find(number).id()).query(Long.class).single()).isOne();

        // the last afternoon: the hot evaluation opens in the room; Anne answers it on her phone
        HalfDays.HalfDay last = halfDays.of(contractService.find(number).endsOn(), "PM");
        at(last.start().plus(Duration.ofMinutes(150)));
        browser.open(url(anne));
        browser.click(By.xpath("//a[contains(., 'valuation à chaud')]"));
        browser.visible(By.xpath("//h1[contains(., 'valuation à chaud')]"));
        List<WebElement> groups = browser.all(By.tagName("fieldset"));
        assertThat(groups).as("each objective and each satisfaction item").hasSizeGreaterThanOrEqualTo(5);
        for (WebElement group : groups) {
            WebElement choice = group.findElement(By.cssSelector("input[type=radio][value='4']"));
            browser.script("arguments[0].scrollIntoView({block: 'center'});", choice);
            choice.click();
        }
        WebElement comment = browser.all(By.tagName("textarea")).get(0);
        browser.script("arguments[0].scrollIntoView({block: 'center'});", comment);
        comment.sendKeys("Très concret, merci.");
        browser.screenshot("participant-hot-evaluation");
        browser.click(By.xpath("//button[normalize-space(.)='Envoyer ma réponse']"));
        browser.visible(By.xpath("//*[contains(., 'Merci, votre réponse a été enregistrée')]"));
        browser.screenshot("participant-hot-evaluation-sent");
        assertThat(jdbc.sql("SELECT a.trainer_rating, a.comment FROM evaluation_answer a JOIN participant p ON p.id = a.participant_id "
                + "JOIN contract c ON c.id = p.contract_id WHERE c.number = ? AND a.kind = 'HOT'").param(number)
                .query((rs, n) -> rs.getInt(1) + " " + rs.getString(2)).list()).containsExactly("4 Très concret, merci.");

        // signing closes after the last day; coordination's checklist shows Anne's two signed half-days ticked
        fireTimer(contract, "Timer_SigningClosed");
        browser.close();
        browser = null;
        openBrowser("participant-coordination");
        logInToTasklist(TestUsers.COORDINATION, TestUsers.PASSWORD);
        openFilter("Sessions à préparer");
        openAndClaimTask(number, "Émargement - contrat " + number);
        List<WebElement> boxes = browser.all(By.cssSelector(".fjs-container input[type=checkbox]"));
        assertThat(boxes).hasSize(8);
        List<String> ticked = boxes.stream().filter(WebElement::isSelected)
                .map(b -> b.findElement(By.xpath("./ancestor::label")).getText()).toList();
        assertThat(ticked).as("the half-days Anne signed, and only those").hasSize(2)
                .allMatch(label -> label.contains("Anne Dupont") && label.contains("signé à "));
        browser.screenshot("coordination-attendance-pre-filled");
        completeAndWaitForTheFormToClose();
        executeDueJobs(contract);

        // the signed sheet: Anne's two signatures, Luc's absences, the trainer's countersignature (read as text)
        var sheet = rest.withBasicAuth(TestUsers.MANAGER, TestUsers.PASSWORD)
                .getForEntity("/api/contracts/" + number + "/attendance-sheet.pdf", byte[].class);
        assertThat(sheet.getStatusCode().value()).isEqualTo(200);
        String text = pdfText(sheet.getBody());
        keepBesideTheScreenshots("participant-attendance-sheet.png", sheet.getBody());
        assertThat(text).contains("Feuille d'émargement", "Anne Dupont", "Luc Martin", "Hugo Lambert", "Contresigné le");
        assertThat(Pattern.compile("Signé le \\d{2}/\\d{2}/\\d{4} à \\d{2}h\\d{2}").matcher(text).results().count())
                .as("Anne's two signatures").isEqualTo(2);
    }

    /** The sheet's first page as a picture beside the journey's screenshots (the README shows it). */
    private static void keepBesideTheScreenshots(String name, byte[] pdf) {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            var image = new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 110);
            java.nio.file.Path folder = java.nio.file.Path.of("target", "browser-screenshots",
                    fr.lexom.contracts.support.TestDatabase.isPostgres() ? "postgres" : "h2");
            java.nio.file.Files.createDirectories(folder);
            javax.imageio.ImageIO.write(image, "png", folder.resolve(name).toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String pdfText(byte[] pdf) {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The link in the contract's {@code letter} mail whose text has {@code greeting}. */
    private String linkIn(String number, String letter, String greeting) {
        String body = jdbc.sql("SELECT body_text FROM outbox_mail WHERE contract_number = ? AND letter = ? AND body_text LIKE ?")
                .params(number, letter, "%" + greeting + "%").query(String.class).single();
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        return link.group(1);
    }

    private void signWithTheKeyboard(String buttonText) {
        WebElement button = browser.visible(By.xpath("//button[normalize-space(.)=\"" + buttonText + "\"]"));
        WebElement body = browser.driver().findElement(By.tagName("body"));
        body.click();
        for (int tab = 0; tab < 20 && !button.equals(browser.driver().switchTo().activeElement()); tab++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.driver().switchTo().activeElement()).as("the button is reached with Tab").isEqualTo(button);
        button.sendKeys(Keys.ENTER);
    }

    private static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }
}
