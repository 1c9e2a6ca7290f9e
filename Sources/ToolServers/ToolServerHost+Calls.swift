import ChatCore
import Foundation
import MCP

extension ToolServerHost {
    /// Runs one call in the background: its arguments checked, `tools/call` sent, a timer for
    /// its timeout. Whatever happens (an answer, an error, a timeout, a stop, a crash),
    /// exactly one `.toolFinished` is posted.
    public func run(_ invocation: ToolInvocation, post: @escaping @Sendable (Action) -> Void) {
        let callID = invocation.callID
        let arguments: [String: Value]
        switch ToolArguments.parse(invocation.argumentsJSON) {
        case .success(let object): arguments = object
        case .failure(let problem):
            post(finished(callID, ToolCallResult(text: problem.message, outcome: .failed)))
            return
        }
        lock.lock()
        guard let slot = slots[invocation.server] else {
            lock.unlock()
            post(finished(callID, ToolCallResult(text: "no MCP server named \(invocation.server) is running here", outcome: .failed)))
            return
        }
        guard let client = slot.client, slot.status.phase == .running, !shuttingDown else {
            let why: String
            switch slot.status.phase {
            case .failed(let line): why = "the server \(invocation.server) failed: \(line)"
            case .starting, .restarting: why = "the server \(invocation.server) is still starting"
            case .running: why = "chatterm is quitting"
            }
            lock.unlock()
            post(finished(callID, ToolCallResult(text: why, outcome: .failed)))
            return
        }
        calls[callID] = CallSlot(server: invocation.server, post: post, client: client, requestID: nil)
        lock.unlock()

        let seconds = max(invocation.timeoutSeconds, 1)
        callDeadline(seconds) { [weak self] in
            self?.end(callID, ToolCallResult(text: "no answer within \(seconds) s: the call was abandoned", outcome: .timedOut))
        }
        let tool = invocation.tool
        Task {
            do {
                let context: RequestContext<CallTool.Result> = try await client.callTool(name: tool, arguments: arguments)
                requestSent(callID, id: context.requestID, client: client)
                let answer = try await context.value
                end(callID, ToolResultText.result(content: answer.content, isError: answer.isError))
            } catch {
                end(callID, ToolCallResult(text: ToolServerHost.describe(error), outcome: .failed))
            }
        }
    }

    /// Ends a running call at once (`.stopped`) and tells the server to stop working on it.
    public func stop(callID: String) {
        end(callID, ToolCallResult(text: "stopped by the user", outcome: .stopped))
    }

    /// Remembers the request's id so a stop or timeout can cancel it; a call already ended
    /// (stopped before its request left) is cancelled now.
    func requestSent(_ callID: String, id: ID, client: Client) {
        lock.lock()
        if calls[callID] != nil {
            calls[callID]?.requestID = id
            lock.unlock()
            return
        }
        lock.unlock()
        Task { try? await client.cancelRequest(id, reason: "stopped") }
    }

    /// Ends a call if it is still in flight (the first ending wins; later ones do nothing) and
    /// cancels its request on the server unless it was answered.
    func end(_ callID: String, _ result: ToolCallResult) {
        lock.lock()
        let call = finishLocked(callID, result)
        lock.unlock()
        guard let call, result.outcome == .stopped || result.outcome == .timedOut, let id = call.requestID else { return }
        Task { try? await call.client.cancelRequest(id, reason: result.text) }
    }

    /// Removes the call and posts its one `.toolFinished` (under the lock).
    @discardableResult
    func finishLocked(_ callID: String, _ result: ToolCallResult) -> CallSlot? {
        guard let call = calls.removeValue(forKey: callID) else { return nil }
        call.post(finished(callID, result))
        return call
    }

    func finished(_ callID: String, _ result: ToolCallResult) -> Action {
        .toolFinished(callID: callID, result, nowMillis: nowMillis())
    }
}
