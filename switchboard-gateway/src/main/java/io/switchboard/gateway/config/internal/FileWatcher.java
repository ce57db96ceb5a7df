package io.switchboard.gateway.config.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} when a file changes, once per burst of writes. Watches the file's directory, not the
 * file, so that editors that write a temporary file and rename it over the original (vim, most IDEs) and
 * Kubernetes ConfigMaps (a symlink swapped to a new directory) are seen as changes too.
 *
 * <p>Debounce: after the first event it waits until the directory has been quiet for {@code debounce}, so a save
 * that truncates then writes is read once, whole. Runs on its own daemon thread, {@code switchboard-config-watch},
 * which blocks in {@link WatchService#take()}; {@link #close()} ends it.
 */
public final class FileWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);

  private final Path file;
  private final String name;
  private final long debounceNanos;
  private final Runnable onChange;
  private final WatchService watchService;
  private final Thread thread;
  private volatile boolean closed;
  /** Whether the file is a symlink; re-read when an event names the file. Only the watch thread uses it. */
  private boolean symlink;

  public FileWatcher(Path file, Duration debounce, Runnable onChange) throws IOException {
    this.file = file.toAbsolutePath();
    this.name = this.file.getFileName().toString();
    this.debounceNanos = debounce.toNanos();
    this.onChange = onChange;
    Path dir = this.file.getParent();
    this.symlink = Files.isSymbolicLink(this.file);
    this.watchService = dir.getFileSystem().newWatchService();
    dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
    this.thread = Thread.ofPlatform().name("switchboard-config-watch").daemon().start(this::run);
  }

  private void run() {
    try {
      while (!closed) {
        boolean relevant = drain(watchService.take());
        while (relevant) {
          WatchKey next = watchService.poll(debounceNanos, TimeUnit.NANOSECONDS);
          if (next == null) break;
          drain(next);
        }
        if (relevant && !closed) onChange.run();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: nothing more to watch
    } catch (RuntimeException e) {
      log.error("config file watcher for {} stopped; reload with SIGHUP instead", file, e);
    }
  }

  /**
   * Consumes the key's events; true when one concerns the file, or may: an overflow, or, when the file is a
   * symlink, a change of a {@code ..}-prefixed entry (Kubernetes swaps {@code ..data} to update a mounted
   * ConfigMap). Anything else in the directory (a log file written next to the config, say) is dismissed
   * with a name comparison: no file-system call per event.
   */
  private boolean drain(WatchKey key) {
    boolean relevant = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW) {
        relevant = true;
        continue;
      }
      String changed = String.valueOf(event.context());
      if (name.equals(changed)) {
        symlink = Files.isSymbolicLink(file);
        relevant = true;
      } else if (symlink && changed.startsWith("..")) {
        relevant = true;
      }
    }
    key.reset();
    return relevant;
  }

  @Override
  public void close() {
    closed = true;
    try {
      watchService.close();
    } catch (IOException e) {
      log.debug("closing the watch service of {}", file, e);
    }
    thread.interrupt();
  }
}
