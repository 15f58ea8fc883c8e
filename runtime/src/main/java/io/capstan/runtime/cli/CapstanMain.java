package io.capstan.runtime.cli;

import io.capstan.runtime.CapstanException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The entry point of the {@code capstan} launcher. User errors (bad configuration, unknown plugins,
 * plugins that fail to wire) print one message and exit 1 without a stack trace unless {@code
 * --debug}; usage errors exit 2 with the usage of the command.
 */
public final class CapstanMain {

  private CapstanMain() {}

  public static void main(String[] args) {
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    if (code != 0 || !UpCommand.isServing()) {
      System.exit(code);
    }
  }

  /** Runs one command line, printing to the given writers; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    Logging.configure(debug);
    CommandLine cli = new CommandLine(new CapstanCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (debug) {
        e.printStackTrace(err);
      }
      if (e instanceof CapstanException) {
        err.println("capstan: " + e.getMessage());
      } else {
        err.println("capstan: internal error: " + e + (debug ? "" : " (run again with --debug for the stack trace)"));
      }
      err.flush();
      return 1;
    });
    return cli.execute(args);
  }
}
