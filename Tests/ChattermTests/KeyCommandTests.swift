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

    func testAHangingCommandIsStopped() {
        let started = Date()
        XCTAssertThrowsError(try KeyCommand.run("sleep 30", timeoutSeconds: 0.5)) { error in
            XCTAssertEqual("\(error)", #"api_key_command "sleep 30" did not finish within 0.5 s and was stopped; run it in a shell to see what it waits for."#)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }
}
