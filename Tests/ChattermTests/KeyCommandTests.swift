import XCTest
@testable import chatterm

/// `api_key_command` run for real through /bin/sh: the first line is the key; a failure, a
/// hang or nothing printed is a clear message that never contains what the command printed on
/// standard output (it may be the key).
final class KeyCommandTests: XCTestCase {
    func testTheFirstLineIsTheKey() throws {
        XCTAssertEqual(try KeyCommand.run("printf '\\n  sk-first-line  \\nsecond line\\n'"), "sk-first-line")
    }

    func testAFailureSaysItsStatusAndErrorButNeverItsOutput() {
        XCTAssertThrowsError(try KeyCommand.run("echo sk-secret; echo 'gpg: decryption failed' >&2; exit 3")) { error in
            let message = "\(error)"
            XCTAssertEqual(message, #"api_key_command "echo sk-secret; echo \'gpg: decryption failed\' >&2; exit 3" failed (exit status 3): gpg: decryption failed."#)
            XCTAssertFalse(message.contains("sk-secret") && !message.contains("echo sk-secret"))
        }
    }

    func testNothingPrintedIsAnError() {
        XCTAssertThrowsError(try KeyCommand.run("true")) { error in
            XCTAssertEqual("\(error)", #"api_key_command "true" printed nothing; its first line must be the key."#)
        }
    }

    func testAHangingCommandIsStopped() throws {
        // The command leaves its pid behind, then becomes `sleep` (same pid): once `run` has
        // given up, that process must be gone, killed and reaped rather than left running.
        // A short path, so the message quotes the whole command (it shortens past 60 characters).
        let pidFile = URL(fileURLWithPath: "/tmp/kc\(getpid()).pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        let command = "echo $$ > \(pidFile.path); exec sleep 30"
        XCTAssertThrowsError(try KeyCommand.run(command, timeoutSeconds: 0.5)) { error in
            XCTAssertEqual("\(error)", "api_key_command \"\(command)\" did not finish within 0.5 s and was stopped; run it in a shell to see what it waits for.")
        }
        let written = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try XCTUnwrap(pid_t(written), written)
        XCTAssertEqual(kill(pid, 0), -1, "the command's process is gone")
        XCTAssertEqual(errno, ESRCH)
    }
}
