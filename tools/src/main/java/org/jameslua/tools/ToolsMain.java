package org.jameslua.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code james-lua-run}'s modes that run the pack inside James's own code: {@code --smtp} and {@code --mail}
 * ({@link ToolArguments}). Exit status as james-lua-run's: 0 success, 1 the script failed or the run could
 * not start, 2 usage error.
 */
public final class ToolsMain {
    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int USAGE_ERROR = 2;

    private ToolsMain() {}

    public static void main(String[] args) {
        // before any logger exists: James's log goes to standard error, warnings only, out of the transcript
        System.setProperty("logback.configurationFile", "james-lua-tools-logback.xml");
        System.exit(run(List.of(args), System.in, System.out, Path.of("").toAbsolutePath()));
    }

    static int run(List<String> args, java.io.InputStream stdin, PrintStream out, Path workingDirectory) {
        ToolArguments arguments;
        try {
            arguments = ToolArguments.parse(args);
        } catch (ToolArguments.UsageException e) {
            out.println("james-lua-run: " + e.getMessage());
            out.print(ToolArguments.USAGE);
            return USAGE_ERROR;
        }
        Path folder =
                workingDirectory.resolve(arguments.folder()).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            out.println("no such scripts folder: " + folder);
            return FAILED;
        }
        try {
            Optional<Path> messageFile = arguments.message().map(workingDirectory::resolve);
            if (arguments.mode() == ToolArguments.Mode.MAIL) {
                return new OfflineMailRun(out).run(folder, messageFile.orElseThrow(), arguments) ? OK : FAILED;
            }
            if (!Path.of(arguments.script()).getFileName().toString().equalsIgnoreCase("SMTPSVR.LUA")) {
                out.println("--smtp runs SMTPSVR.LUA, the script James's SMTP server runs, not " + arguments.script());
                return USAGE_ERROR;
            }
            Optional<List<String>> message = messageFile.isPresent()
                    ? Optional.of(Files.readAllLines(messageFile.get(), StandardCharsets.ISO_8859_1))
                    : Optional.empty();
            BufferedReader dialogue = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.ISO_8859_1));
            return new OfflineSmtpSession(out)
                            .run(folder, arguments.from().orElse(OfflineSmtpSession.DEFAULT_CLIENT), message, dialogue)
                    ? OK
                    : FAILED;
        } catch (Exception e) {
            out.println("james-lua-run: " + e);
            return FAILED;
        }
    }
}
