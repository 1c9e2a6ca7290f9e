import ChatCore
import StreamProtocol

/// Builds the states the in-process benchmarks start from, through the reducer itself (the
/// stream's fields are not public to set directly, and going through `send` is what the app does).
enum BenchState {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let profile = Profile(
        name: "bench", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 1, defaultModel: "local-echo")

    /// A state at 120x40 holding `history` and a reply that has just started streaming.
    static func streaming(history: [Message], width: Int = 120, height: Int = 40) throws -> (AppState, RequestID) {
        var state = AppState(profile: profile, terminalWidth: width, terminalHeight: height)
        // As the app opens a stored session: its newest page, the rest counted, not held.
        let held = Array(history.suffix(ConversationWindow.pageSize))
        _ = reduce(&state, .conversationLoaded(
            sessionID: "bench-session", window: MessageWindow(messages: held, earlierCount: history.count - held.count),
            parameters: nil))
        state.composer.input = TextInput(text: "/tokens 20000 burst")
        let effects = reduce(&state, .keyPressed(.enter, Stamp(nowMillis: 1, freshID: "bench-\(history.count)", random: 0)))
        // A session not held whole sends once the store has read its history: answer as it would.
        for case let .saveMessage(message, sessionID) in effects where message.role == .user {
            _ = reduce(&state, .requestHistoryLoaded(sessionID: sessionID, messages: history + [message]))
        }
        guard let id = state.streaming.active?.requestID else {
            throw Failure(description: "the reducer did not start a stream (notice: \(state.status.notice ?? "none"))")
        }
        return (state, id)
    }

    /// Words of a plausible reply; the same list the deltas are drawn from.
    static let words = [" The", " frame", " cost", " must", " not", " depend", " on", " how", " long", " the",
                        " history", " is,", " only", " on", " what", " is", " visible.", "\n\n", " Über", " 東京"]

    /// `count` alternating user/assistant messages of about `characters` characters each.
    static func history(count: Int, characters: Int = 300) -> [Message] {
        var text = ""
        var index = 0
        while text.count < characters {
            let word = words[index % words.count]
            text += word == "\n\n" ? " paragraph." : word
            index += 1
        }
        return (0..<count).map { n -> Message in
            let isUser = n % 2 == 0
            let role: ChatRole = isUser ? .user : .assistant
            let model: String? = isUser ? nil : "local-echo"
            return Message(id: "m\(n)", role: role, content: "\(n):\(text)", createdAtMillis: Int64(n), model: model)
        }
    }
}
