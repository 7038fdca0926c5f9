package fr.lexom.contracts.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagram in bpmn/ is legible as Cockpit draws it: no label over another label, a flow,
 * a shape or a subprocess border (see {@link DiagramLayout} for how a label's text box is laid out).
 * Plain JUnit, no Spring context.
 */
class DiagramLayoutTest {

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
      List<Path> models = files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
      assertThat(models).as("models under bpmn/").isNotEmpty();
      return models.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void noLabelOverlapsAnotherLabelAFlowOrAShape(Path model) throws IOException {
    List<String> problems = DiagramLayout.problems(model);

    assertThat(problems)
        .as("%s: labels drawn over something (text boxes as bpmn-js lays them out)%n  %s",
            model, String.join("\n  ", problems))
        .isEmpty();
  }

  @Test
  void theCheckFindsOverlappingLabelsALabelOnItsFlowAndADefaultLabelOverATask() throws Exception {
    Path model = Path.of(getClass().getResource("/diagram-layout/overlapping-labels.bpmn").toURI());

    List<String> problems = DiagramLayout.problems(model);

    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("label of Gateway_Paid « Acompte déjà réglé ? »", "overlaps label of Flow_No « Non »"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("label of Flow_Yes « Oui »", "crosses sequenceFlow Flow_Yes"));
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("label of EndEvent_Done « Terminé »", "overlaps task Task_Next"));
  }

  @Test
  void labelsAreWrappedAndPlacedAsBpmnJsDoes() {
    // « Acompte déjà réglé ? » is 104 px wide in Arial 11 (as Chromium measures it with Liberation Sans)
    assertThat(DiagramLayout.textWidth("Acompte déjà réglé ?", 11)).isCloseTo(103.95, within(0.05));
    assertThat(DiagramLayout.layout("Acompte déjà réglé ?", 90, 11, true)).containsExactly("Acompte déjà ", "réglé ?");
    assertThat(DiagramLayout.layout("Acompte déjà réglé ?", 120, 11, true)).containsExactly("Acompte déjà réglé ?");
    // a 50 px wide DI label: bpmn-js 18.31.1 wraps at 50 px, Cockpit at 90 px; the check takes both
    DiagramLayout.Box narrow = new DiagramLayout.Box(100, 0, 50, 27);
    assertThat(DiagramLayout.externalLabel(narrow, "Acompte déjà réglé ?", false).height()).isCloseTo(3 * 13.2, within(1e-9));
    assertThat(DiagramLayout.externalLabel(narrow, "Acompte déjà réglé ?", true).height()).isCloseTo(2 * 13.2, within(1e-9));
    assertThat(DiagramLayout.externalLabel(narrow, "Acompte déjà réglé ?").height()).isCloseTo(3 * 13.2, within(1e-9));

    // centred on the DI box, from its top, whatever the DI box's size
    DiagramLayout.Box box = DiagramLayout.externalLabel(new DiagramLayout.Box(100, 200, 30, 14), "Non");
    assertThat(box.x() + box.width() / 2).isEqualTo(115);
    assertThat(box.y()).isEqualTo(200);
    assertThat(box.height()).isCloseTo(13.2, within(1e-9));

    // no BPMNLabel: below an event, above the middle of a horizontal flow
    assertThat(DiagramLayout.defaultShapeLabel(new DiagramLayout.Box(0, 0, 36, 36)))
        .isEqualTo(new DiagramLayout.Box(-27, 36, 90, 20));
    assertThat(DiagramLayout.defaultFlowLabel(List.of(new DiagramLayout.Point(0, 100), new DiagramLayout.Point(200, 100))))
        .isEqualTo(new DiagramLayout.Box(55, 75, 90, 20));
  }
}
