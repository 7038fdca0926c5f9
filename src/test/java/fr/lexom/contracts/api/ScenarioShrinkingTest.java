package fr.lexom.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.api.LifecycleInvariantsTest.Action;
import fr.lexom.contracts.api.LifecycleInvariantsTest.Kind;
import fr.lexom.contracts.api.LifecycleInvariantsTest.Scenario;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The shrinking of {@link LifecycleInvariantsTest}: a failing sequence comes down to what makes it fail. */
class ScenarioShrinkingTest {

    static final Scenario LONG = new Scenario("LEGAL_ENTITY", "CGV_2025", true, false, 60, "2 400,00", 3, false,
            List.of(new Action(Kind.PAY_PART, 0), new Action(Kind.WAIT, 20), new Action(Kind.CLIENT_POSTPONE, 0),
                    new Action(Kind.ADVANCE, 0), new Action(Kind.WAIT, 9), new Action(Kind.LEXOM_CANCEL, 0),
                    new Action(Kind.PAY_DUPLICATE, 0)), true, 7L);

    @Test
    void aFailureNeedingAPostponementThenLexomsCancellationShrinksToThoseTwo() {
        Predicate<Scenario> fails = s -> {
            int postponed = s.actions().indexOf(new Action(Kind.CLIENT_POSTPONE, 0));
            return postponed >= 0 && s.actions().subList(postponed, s.actions().size()).contains(new Action(Kind.LEXOM_CANCEL, 0));
        };
        Scenario smallest = LifecycleInvariantsTest.shrink(LONG, fails);
        assertThat(smallest.actions()).containsExactly(new Action(Kind.CLIENT_POSTPONE, 0), new Action(Kind.LEXOM_CANCEL, 0));
        assertThat(smallest.payAtEnd()).as("dropped too: not needed to fail").isFalse();
        assertThat(fails.test(smallest)).isTrue();
    }

    @Test
    void aWaitIsHalvedWhileTheFailureStays() {
        // fails when at least 5 days are waited in all
        Predicate<Scenario> fails = s -> s.actions().stream().filter(a -> a.kind() == Kind.WAIT).mapToInt(Action::days).sum() >= 5;
        Scenario smallest = LifecycleInvariantsTest.shrink(LONG, fails);
        assertThat(smallest.actions()).containsExactly(new Action(Kind.WAIT, 5));
    }

    @Test
    void theShrunkScenarioIsPrintedAsTheJavaThatBuildsIt() {
        Scenario one = LONG.withActions(List.of(new Action(Kind.WAIT, 15), new Action(Kind.CLIENT_CANCEL, 0)));
        assertThat(one.asJava()).isEqualTo("new Scenario(\"LEGAL_ENTITY\", \"CGV_2025\", true, false, 60, \"2 400,00\", 3, false,"
                + " List.of(new Action(Kind.WAIT, 15), new Action(Kind.CLIENT_CANCEL, 0)), true, 7L)");
    }
}
