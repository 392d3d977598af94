package io.tradingbot.benchmarks.stack;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The close-window probe against this JVM's own threads, as the kernel counts them. */
class CloseWindowsTest {
    private static final Map<String, Long> THIS_JVM = Map.of("this JVM", ProcessHandle.current().pid());

    @Test
    void aThreadsWorkInTheWindowCountsForItsProcessAndItsPoolsName() throws Exception {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        CountDownLatch worked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CloseWindows.Reading before = CloseWindows.read(THIS_JVM);
        // The thread is born after the first reading and still alive at the second: its time counts from zero.
        Thread burner = Thread.ofPlatform().name("burner-7").start(() -> {
            double sink = 0;
            while (bean.getCurrentThreadCpuTime() < 80_000_000L) {
                sink += Math.sqrt(sink + 1);
            }
            worked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(sink).isPositive();
        });
        worked.await();
        CloseWindows.Reading after = CloseWindows.read(THIS_JVM);
        release.countDown();
        burner.join();

        CloseWindows.Windows windows = new CloseWindows.Windows();
        windows.add(before, after);

        assertThat(windows.meanMillis("this JVM / burner")[0]).isGreaterThanOrEqualTo(70);
        assertThat(windows.meanMillis("this JVM")[0]).isGreaterThanOrEqualTo(windows.meanMillis("this JVM / burner")[0]);
        assertThat(CloseWindows.table(windows, new CloseWindows.Windows(), new CloseWindows.Windows(), 3))
                .contains("| this JVM / burner | ", "| **all of them** | ", "first half of the closes (1)");
    }

    @Test
    void everyWakeUpOfAThreadCountsAsARun() throws Exception {
        CountDownLatch slept = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CloseWindows.Reading before = CloseWindows.read(THIS_JVM);
        Thread sleeper = Thread.ofPlatform().name("sleeper").start(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    Thread.sleep(2);
                }
                slept.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        slept.await();
        CloseWindows.Reading after = CloseWindows.read(THIS_JVM);
        release.countDown();
        sleeper.join();
        CloseWindows.Windows windows = new CloseWindows.Windows();
        windows.add(before, after);

        assertThat(windows.meanRuns("this JVM")).as("50 wake-ups of one thread").isGreaterThanOrEqualTo(50);
        assertThat(CloseWindows.table(windows, new CloseWindows.Windows(), new CloseWindows.Windows(), 3))
                .contains("| process | runs, first closes |")
                .containsPattern("\\| this JVM \\| [1-9]\\d+ \\| 0 \\| 0 \\| – \\|");
    }

    @Test
    void eachCloseGetsAWindowAroundItAndAQuietOneLaterByHalfOfTheRun() throws Exception {
        long now = System.currentTimeMillis();
        SimClockMapping clock = new SimClockMapping(now, now, 1.0);
        CloseWindows probe = CloseWindows.start(THIS_JVM, clock, List.of(now + 400, now + 10, now + 2_700));

        // the second close is already past when the probe gets to it: no window for it
        Thread.sleep(2_700 + CloseWindows.QUIET_AFTER_MILLIS + CloseWindows.WINDOW_MILLIS + 500);
        CloseWindows.Windows[] measured = probe.stop();

        assertThat(measured[0].count()).as("first half").isEqualTo(1);
        assertThat(measured[1].count()).as("second half").isEqualTo(1);
        assertThat(measured[2].count()).as("quiet").isEqualTo(2);
    }
}
