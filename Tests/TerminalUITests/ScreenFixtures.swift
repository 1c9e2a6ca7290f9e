import ChatCore
import StreamProtocol
import TerminalUI

/// AppState values built directly (not through the reducer) for view snapshots.
enum ScreenFixtures {
    static let premProfile = Profile(
        name: "local", baseURL: "http://127.0.0.1:8080", dialect: .prem, projectID: 7, defaultModel: "local-echo")
    static let openAIProfile = Profile(
        name: "oa", baseURL: "https://api.openai.com", dialect: .openai, projectID: nil, defaultModel: "gpt-4o-mini")

    /// Every kind of field, some set and some not: sliders set and unset, integers, multi-line
    /// text with a control character, lists, JSON, and fields left to their fallbacks.
    static let mixedParameters = SessionParameters(
        model: nil, systemPrompt: "You are terse.\nAnswer in English \u{1B}[31m.", temperature: 0.7, topP: nil,
        maxTokens: 512, frequencyPenalty: nil, presencePenalty: -0.5, seed: 42, stop: ["###", "END"], user: "alice",
        projectID: nil, sessionID: nil, logitBias: #"{"50256":-100}"#, responseFormat: #"{"type":"json_object"}"#,
        tools: nil, repositoryIDs: [3, 7], repositoryLimit: 5, similarityThreshold: nil)

    static let t0: Int64 = 1_800_000_000_000

    /// What reply "a1" was sent with. As in the app, the message in the conversation does not
    /// carry it; the inspector holds it once loaded from the store.
    static let a1Request = SentRequest(
        url: "http://127.0.0.1:8080/api/v1/chat/completions", dialect: .prem,
        body: #"{"project_id":7,"model":"local-echo","messages":[{"role":"user","content":"Name three primes."}],"stream":true,"temperature":0.7}"#,
        hadAPIKey: true)

    static let history: [Message] = [
        Message(id: "u1", role: .user, content: "Name three primes.", createdAtMillis: t0),
        Message(id: "a1", role: .assistant, content: "2, 3 and 5.", createdAtMillis: t0 + 1_000, model: "local-echo",
                parameters: SessionParameters(temperature: 0.7),
                stats: ReplyStats(timeToFirstTokenMillis: 310, totalMillis: 2_900, deltaCount: 120, retries: 1)),
    ]

    /// A session open with `parameters`, the parameters pane focused on `selected`.
    static func parametersState(
        profile: Profile = premProfile, parameters: SessionParameters = mixedParameters,
        selected: ParameterField = .temperature, width: Int = 80, height: Int = 24
    ) -> AppState {
        var state = AppState(profile: profile, terminalWidth: width, terminalHeight: height)
        state.status.nowMillis = t0 + 60_000
        state.sessions.list = [SessionSummary(id: "6f1c2a9e-5d7b-4c1e-9a3f-0b8d7e6c5a41", title: "Primes", createdAtMillis: t0, updatedAtMillis: t0)]
        state.conversation.activeSessionID = state.sessions.list[0].id
        state.conversation.activeSessionSaved = true
        state.conversation.messages = history
        state.parameters = parameters
        state.screen.focus = .parameters
        state.selectedField = selected
        return state
    }
}
