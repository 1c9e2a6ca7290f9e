import ChatCore
import Foundation
import ToolServers
import XCTest

/// The host against a real MCP server on stdio (the SDK's `Server` in a small test executable)
/// and against `/bin/sh` children that crash.
final class StdioToolServerTests: XCTestCase {
    private var directory = ""
    private var hosts: [ToolServerHost] = []

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "tool-servers-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // A missing test server is a failure, never a skip: `swift build --build-tests` builds it.
        guard FileManager.default.isExecutableFile(atPath: testServerPath()) else {
            XCTFail("\(testServerPath()) is missing: run `swift build --build-tests` first (make test does).")
            throw CocoaError(.fileNoSuchFile)
        }
    }

    override func tearDown() {
        for host in hosts { host.shutdown() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Call timeouts fire when the test says (`deadlines.fireAll()`), never on their own.
    private let deadlines = HeldDeadlines()

    private func start(_ servers: [ToolServerConfig]) -> ReportLog {
        let log = ReportLog()
        let host = ToolServerHost(
            settings: ToolSettings(servers: servers), dataDirectory: directory, nowMillis: { 42 }, callDeadline: deadlines.hold)
        hosts.append(host)
        host.start(post: log.post)
        return log
    }

    private func testServer(_ name: String = "test", tools: [String]? = nil, timeout: Int = 60) -> ToolServerConfig {
        ToolServerConfig(name: name, transport: .stdio(command: testServerPath(), arguments: [], environment: [:]), allowedTools: tools, timeoutSeconds: timeout)
    }

    private func shell(_ name: String, _ script: String) -> ToolServerConfig {
        ToolServerConfig(name: name, transport: .stdio(command: "/bin/sh", arguments: ["-c", script], environment: [:]))
    }

    private func call(_ log: ReportLog, _ tool: String, _ arguments: String, id: String = "call-1", timeout: Int = 60) -> ToolCallResult? {
        hosts.last?.run(ToolInvocation(callID: id, server: "test", tool: tool, argumentsJSON: arguments, timeoutSeconds: timeout), post: log.post)
        return log.waitForFinish(id)
    }

    // MARK: - Listing

    func testToolsAreListedAcrossPagesWithTheAllowListApplied() throws {
        let log = start([testServer(tools: ["echo", "sleep", "picture"])])
        let status = try XCTUnwrap(log.waitForServer("test") { $0.isRunning })
        XCTAssertEqual(status.tools.map(\.name), ["echo", "sleep", "picture"], "both pages, in order, only the allowed")
        XCTAssertEqual(status.tools.first?.wireName, "test__echo")
        XCTAssertEqual(status.tools.first?.description, "Says the text back")
        XCTAssertEqual(
            status.tools.first?.inputSchemaJSON, #"{"properties":{"text":{"type":"string"}},"type":"object"}"#)
        XCTAssertEqual(status.logPath, directory + "/mcp-test.log")
        XCTAssertEqual(log.reports.first, [ToolServerStatus(name: "test", phase: .starting, logPath: directory + "/mcp-test.log")])
    }

    func testWithoutAnAllowListEveryToolIsListed() throws {
        let log = start([testServer()])
        let status = try XCTUnwrap(log.waitForServer("test") { $0.isRunning })
        XCTAssertEqual(status.tools.map(\.name), ["echo", "fail", "sleep", "picture", "crash"])
    }

    func testDisabledServersAndOtherNamesAreNotStarted() throws {
        var off = testServer("off")
        off.enabled = false
        let log = ReportLog()
        let host = ToolServerHost(
            settings: ToolSettings(servers: [testServer("one"), testServer("two"), off]), dataDirectory: directory, only: ["two", "off"],
            nowMillis: { 0 })
        hosts.append(host)
        host.start(post: log.post)
        XCTAssertEqual(log.reports.first?.map(\.name), ["two"])
        XCTAssertEqual(ToolServerHost.unknownNames(["two", "off", "three"], in: ToolSettings(servers: [testServer("two"), off])), ["off", "three"])
    }

    // MARK: - Calls

    func testACallReturnsItsTextWithTheArgumentsSent() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        XCTAssertEqual(call(log, "echo", #"{"text": "hi", "n": 3}"#), ToolCallResult(text: "echo: n=3,text=hi", outcome: .succeeded))
        XCTAssertEqual(log.finished("call-1").count, 1)
        XCTAssertTrue(log.all.contains(.toolFinished(callID: "call-1", ToolCallResult(text: "echo: n=3,text=hi", outcome: .succeeded), nowMillis: 42)))
    }

    func testEmptyArgumentsAreAnEmptyObject() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        XCTAssertEqual(call(log, "echo", ""), ToolCallResult(text: "echo: ", outcome: .succeeded))
    }

    func testOtherContentKindsAreDescribedInALineEach() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        XCTAssertEqual(call(log, "picture", "{}"), ToolCallResult(text: "a picture:\n[image image/png, 1234 bytes]", outcome: .succeeded))
    }

    func testAnErrorResultFails() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        XCTAssertEqual(call(log, "fail", "{}"), ToolCallResult(text: "it went wrong", outcome: .failed))
    }

    func testArgumentsThatAreNotAnObjectFailWithoutACall() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        XCTAssertEqual(
            call(log, "echo", "[1, 2]", id: "array"),
            ToolCallResult(text: "the arguments are not a JSON object, so the tool was not called", outcome: .failed))
        XCTAssertEqual(
            call(log, "echo", #"{"text": "#, id: "broken"),
            ToolCallResult(text: "the arguments are not JSON, so the tool was not called", outcome: .failed))
    }

    func testACallThatTakesTooLongTimesOut() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        hosts.last?.run(ToolInvocation(callID: "slow", server: "test", tool: "sleep", argumentsJSON: #"{"seconds": 30}"#, timeoutSeconds: 1), post: log.post)
        XCTAssertEqual(deadlines.held, [1], "the call's timeout is set")
        deadlines.fireAll()
        XCTAssertEqual(log.waitForFinish("slow"), ToolCallResult(text: "no answer within 1 s: the call was abandoned", outcome: .timedOut))
    }

    func testStopEndsARunningCallAtOnceAndOnlyOnce() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        let host = try XCTUnwrap(hosts.last)
        host.run(ToolInvocation(callID: "slow", server: "test", tool: "sleep", argumentsJSON: #"{"seconds": 30}"#, timeoutSeconds: 1), post: log.post)
        host.stop(callID: "slow")
        XCTAssertEqual(log.waitForFinish("slow"), ToolCallResult(text: "stopped by the user", outcome: .stopped))
        // The call's timeout comes after: it finds the call ended and posts nothing more.
        deadlines.fireAll()
        XCTAssertEqual(log.finished("slow").count, 1)
        // The server is still there for the next call.
        XCTAssertEqual(call(log, "echo", #"{"text": "after"}"#, id: "next")?.outcome, .succeeded)
    }

    func testACallToAServerNotRunningFailsWithTheReason() throws {
        let log = start([shell("broken", "echo 'cannot open the notes' >&2; exit 1")])
        log.waitForServer("broken") { $0.isFailed }
        hosts.last?.run(ToolInvocation(callID: "c", server: "broken", tool: "x", argumentsJSON: "{}", timeoutSeconds: 5), post: log.post)
        XCTAssertEqual(log.waitForFinish("c"), ToolCallResult(text: "the server broken failed: cannot open the notes", outcome: .failed))
        hosts.last?.run(ToolInvocation(callID: "d", server: "nobody", tool: "x", argumentsJSON: "{}", timeoutSeconds: 5), post: log.post)
        XCTAssertEqual(log.waitForFinish("d"), ToolCallResult(text: "no MCP server named nobody is running here", outcome: .failed))
    }

    // MARK: - Logs

    func testStderrGoesToAPrivateLogInTheDataDirectory() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        let path = directory + "/mcp-test.log"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("test server: ready on stdio"), text)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        XCTAssertEqual(mode.intValue & 0o777, 0o600)
    }

    // MARK: - Crashes

    func testAServerThatExitsIsRestartedOnceThenFailedWithItsLastLine() throws {
        let log = start([shell("flaky", "echo 'starting'; echo 'flaky: no such directory /nope' >&2; echo >&2; exit 1")])
        let failed = try XCTUnwrap(log.waitForServer("flaky") { $0.isFailed })
        XCTAssertEqual(failed.phase, .failed(lastLine: "flaky: no such directory /nope"))
        XCTAssertEqual(
            log.reports.map { $0.first?.phase },
            [.starting, .restarting(lastLine: "flaky: no such directory /nope"), .failed(lastLine: "flaky: no such directory /nope")])
    }

    func testACrashedServerIsStartedExactlyTwice() throws {
        let counter = directory + "/starts"
        let log = start([shell("counted", "echo start >> '\(counter)'; exit 2")])
        let failed = try XCTUnwrap(log.waitForServer("counted") { $0.isFailed })
        XCTAssertEqual(failed.phase, .failed(lastLine: "the server exited with status 2"), "no stderr: the status says what happened")
        // Once failed, nothing more starts: a shutdown now ends the host, and the counter says
        // how many starts there were (a third, had there been one, would be in it).
        hosts.last?.shutdown()
        XCTAssertEqual(try String(contentsOfFile: counter, encoding: .utf8), "start\nstart\n")
    }

    func testACommandNotFoundSaysSo() throws {
        let log = start([ToolServerConfig(name: "missing", transport: .stdio(command: "chatterm-no-such-mcp-server", arguments: [], environment: [:]))])
        let failed = try XCTUnwrap(log.waitForServer("missing") { $0.isFailed })
        XCTAssertEqual(failed.phase, .failed(lastLine: "command not found: chatterm-no-such-mcp-server"))
    }

    func testTheConfiguredEnvironmentReachesTheChild() throws {
        var config = shell("env", #"echo "token=$CHATTERM_TEST_VALUE" >&2; exit 1"#)
        config.transport = .stdio(command: "/bin/sh", arguments: ["-c", #"echo "token=$CHATTERM_TEST_VALUE" >&2; exit 1"#], environment: ["CHATTERM_TEST_VALUE": "xyz"])
        let log = start([config])
        XCTAssertEqual(log.waitForServer("env") { $0.isFailed }?.phase, .failed(lastLine: "token=xyz"))
    }

    func testACallInFlightWhenTheServerCrashesFailsWithItsLastLineAndTheServerComesBack() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        XCTAssertEqual(call(log, "crash", "{}"), ToolCallResult(text: "test server: crashing on purpose", outcome: .failed))
        // Running again: a report after the one that says it is restarting.
        let back = log.wait("the server back") { actions -> ToolServerStatus? in
            let reports = actions.compactMap { action -> ToolServerStatus? in
                if case .toolServersChanged(let statuses) = action { return statuses.first } else { return nil }
            }
            guard let restart = reports.firstIndex(where: { $0.phase == .restarting(lastLine: "test server: crashing on purpose") }) else { return nil }
            return reports[(restart + 1)...].last { $0.isRunning }
        }
        XCTAssertEqual(back?.tools.count, 5)
        XCTAssertEqual(call(log, "echo", #"{"text": "again"}"#, id: "again")?.text, "echo: text=again")
    }

    // MARK: - Shutdown

    func testShutdownEndsAndReapsEveryChild() throws {
        let log = start([testServer("one"), testServer("two")])
        log.waitForServer("one") { $0.isRunning }
        log.waitForServer("two") { $0.isRunning }
        XCTAssertEqual(childProcesses().filter { $0.name.hasPrefix("ToolServersTest") }.count, 2)
        hosts.last?.shutdown()
        XCTAssertEqual(childProcesses().filter { $0.name.hasPrefix("ToolServersTest") }.map(\.pid), [], "no zombie, no child left")
    }

    func testShutdownKillsAChildThatIgnoresSIGTERM() throws {
        let log = start([shell("stubborn", "trap '' TERM; exec sleep 30")])
        log.waitForServer("stubborn") { $0.phase == .starting }
        let deadline = Date().addingTimeInterval(5)
        while !childProcesses().contains(where: { $0.name == "sleep" }), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertEqual(childProcesses().filter { $0.name == "sleep" }.count, 1)
        let started = Date()
        hosts.last?.shutdown()
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.9, "SIGTERM first, a second to go")
        XCTAssertEqual(childProcesses().filter { $0.name == "sleep" }.map(\.pid), [])
    }

    /// A wrapper (`npx`, `sh -c`) leaves what it started behind when only it is signalled: each
    /// server leads its own process group, and the whole group ends at shutdown.
    func testShutdownEndsWhatAServerStartedInItsProcessGroup() throws {
        let marker = "\(50_000 + Int(getpid()) % 10_000)"
        func grandchildRuns() -> Bool {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.contains { entry in
                guard Int(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return false }
                return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) } == ["sleep", marker]
            }
        }
        let log = start([shell("wrapper", "sleep \(marker) & exec sleep 30")])
        log.waitForServer("wrapper") { $0.phase == .starting }
        let deadline = Date().addingTimeInterval(5)
        while !grandchildRuns(), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertTrue(grandchildRuns(), "the wrapper started its child")
        hosts.last?.shutdown()
        let gone = Date().addingTimeInterval(5)
        while grandchildRuns(), Date() < gone { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertFalse(grandchildRuns(), "the wrapper's child ended with it")
    }

    /// A server started after others inherits none of their pipe ends (or any other descriptor
    /// of chatterm's): one did, and kept another server's stdin open after chatterm was killed.
    func testAServerInheritsNoDescriptorButItsOwnThree() throws {
        let first = start([testServer("one"), testServer("two")])
        first.waitForServer("one") { $0.isRunning }
        first.waitForServer("two") { $0.isRunning }
        // The holder marks that it was spawned, then becomes `sleep`; the test waits for the
        // mark with stat(2) only, so nothing it opens can be inherited by the spawn itself.
        let mark = directory + "/holder-spawned"
        _ = start([shell("holder", "touch '\(mark)'; exec sleep 31")])
        let deadline = Date().addingTimeInterval(5)
        while access(mark, F_OK) != 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        var holder: Int32?
        while holder == nil, Date() < deadline {
            holder = childProcesses().first { $0.name == "sleep" }?.pid
            if holder == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        let pid = try XCTUnwrap(holder, "the holder started")
        let descriptors = (try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")).compactMap(Int.init).sorted()
        let targets = descriptors.map { fd in (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) ?? "?" }
        XCTAssertEqual(descriptors, [0, 1, 2], "\(targets)")
    }

    func testShutdownEndsACallInFlight() throws {
        let log = start([testServer()])
        log.waitForServer("test") { $0.isRunning }
        hosts.last?.run(ToolInvocation(callID: "slow", server: "test", tool: "sleep", argumentsJSON: "{}", timeoutSeconds: 60), post: log.post)
        hosts.last?.shutdown()
        XCTAssertEqual(log.finished("slow"), [ToolCallResult(text: "chatterm quit while the tool ran", outcome: .stopped)])
    }
}

extension StdioToolServerTests {
    func testASecondStartStartsNothingMore() throws {
        let log = ReportLog()
        let host = ToolServerHost(settings: ToolSettings(servers: [
            ToolServerConfig(name: "test", transport: .stdio(command: testServerPath(), arguments: [], environment: [:])),
        ]), dataDirectory: NSTemporaryDirectory(), nowMillis: { 0 })
        defer { host.shutdown() }
        host.start(post: log.post)
        host.start(post: log.post)
        log.waitForServer("test") { $0.isRunning }
        XCTAssertEqual(childProcesses().filter { $0.name.hasPrefix("ToolServersTest") }.count, 1)
        XCTAssertEqual(log.reports.filter { $0.first?.phase == .starting }.count, 1)
    }
}
