package fr.lexom.contracts.billing;

import static org.assertj.core.api.Assertions.assertThat;

import fr.lexom.contracts.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Numbers continuous per kind and year, with no gap and no duplicate, even issued on many threads at once. */
@IntegrationTest
class DocumentNumbersTest {

    @Autowired
    DocumentNumbers numbers;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void parallelIssuesGetConsecutiveNumbersWithoutGapOrDuplicate() throws Exception {
        String kind = "T" + System.nanoTime() % 1_000_000_000L;
        numbers.createCounter(kind, 2031);
        int count = 50;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = Collections.nCopies(count, () -> transaction.execute(s -> numbers.next(kind, 2031)));
            List<Integer> issued = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                issued.add(f.get());
            }
            Collections.sort(issued);
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                expected.add(i);
            }
            assertThat(issued).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFirstDocumentsOfANewYearRacingToCreateTheCounterAllGetANumber() throws Exception {
        String kind = "Y" + System.nanoTime() % 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = Collections.nCopies(4, () -> transaction.execute(s -> numbers.next(kind, 2032)));
            List<Integer> issued = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                issued.add(f.get());
            }
            assertThat(issued).containsExactlyInAnyOrder(1, 2, 3, 4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRolledBackIssueGivesItsNumberBack() {
        String kind = "R" + System.nanoTime() % 1_000_000_000L;
        assertThat((Integer) transaction.execute(s -> numbers.next(kind, 2031))).isEqualTo(1);
        transaction.executeWithoutResult(s -> {
            numbers.next(kind, 2031);
            s.setRollbackOnly();
        });
        assertThat((Integer) transaction.execute(s -> numbers.next(kind, 2031))).isEqualTo(2);
        assertThat(DocumentNumbers.format("FA", 2031, 2)).isEqualTo("FA-2031-00002");
    }
}
