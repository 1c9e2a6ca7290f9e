import ChatCore
import Foundation
import XCTest
@testable import chatterm

/// The state file on disk: where it is, private, replaced whole, and a damaged one ignored
/// with a notice.
final class StateFileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "chatterm-state-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testThePathFollowsXDGStateHome() {
        XCTAssertEqual(StateFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]), "/s/chatterm/state.json")
        XCTAssertEqual(StateFile.defaultPath(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]),
                       "/h/.local/state/chatterm/state.json", "a relative XDG_STATE_HOME is ignored")
        XCTAssertNil(StateFile.defaultPath(environment: [:]))
    }

    func testWrittenPrivatelyAndReadBack() throws {
        let path = directory + "/chatterm/state.json"
        let (missing, noNotice) = StateFile.read(at: path)
        XCTAssertEqual(missing, RememberedChoices())
        XCTAssertNil(noNotice, "no file is a first run, not a problem")
        let choices = RememberedChoices(sessionID: "s1", theme: "light", zoomed: true)
        try StateFile.write(choices, to: path)
        try StateFile.write(choices, to: path)
        let (read, notice) = StateFile.read(at: path)
        XCTAssertEqual(read, choices)
        XCTAssertNil(notice)
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(fileMode, 0o600)
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory + "/chatterm")[.posixPermissions] as? Int
        XCTAssertEqual(directoryMode, 0o700)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory + "/chatterm"), ["state.json"],
                       "no temporary file is left behind")
    }

    func testADamagedFileIsIgnoredWithANotice() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/state.json"
        try Data("{\"session\": ".utf8).write(to: URL(fileURLWithPath: path))
        let (choices, notice) = StateFile.read(at: path)
        XCTAssertEqual(choices, RememberedChoices())
        XCTAssertEqual(notice, "\(path) is damaged (not JSON (at byte 12)): ignored, and rewritten on the next change.")
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(StateFile.read(at: path).notice,
                       "\(path) is damaged (not a small UTF-8 file): ignored, and rewritten on the next change.")
    }
}
