package fr.lexom.contracts.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time of this JVM and of the PostgreSQL server's processes (all of them: backends, WAL writer, checkpointer),
 * read from the operating system, to tell which side a run was bound by. PostgreSQL must run on this machine
 * (loopback), and nothing else should run meanwhile: another PostgreSQL client's work would count too.
 */
record CpuMeter(long jvmNanos, long postgresNanos, long wallNanos) {

    static CpuMeter now() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
        return new CpuMeter(jvm, postgres, System.nanoTime());
    }

    /** The CPU used from this reading until now: milliseconds per unit of work (JVM, PostgreSQL), share of the cores. */
    Use untilNow(int units) {
        CpuMeter start = this;
        CpuMeter end = now();
        double jvmMs = (end.jvmNanos - start.jvmNanos) / 1e6 / units;
        double postgresMs = Math.max(0, end.postgresNanos - start.postgresNanos) / 1e6 / units;
        double busy = (end.jvmNanos - start.jvmNanos + Math.max(0, end.postgresNanos - start.postgresNanos))
                / (double) (end.wallNanos - start.wallNanos) / Runtime.getRuntime().availableProcessors();
        return new Use(jvmMs, postgresMs, busy);
    }

    record Use(double jvmMs, double postgresMs, double coresBusy) {
        @Override
        public String toString() {
            return "%.0f / %.0f ms, %.0f %%".formatted(jvmMs, postgresMs, 100 * coresBusy);
        }
    }
}
