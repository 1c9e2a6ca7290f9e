import XCTest
@testable import ChatCore
import StreamProtocol

/// From the session's parameters to the request, the body sent and the record kept.
final class RequestBuildingTests: XCTestCase {
    let everyField = SessionParameters(
        model: "gpt-4o-mini", systemPrompt: "Be brief.", temperature: 0.7, topP: 0.9, maxTokens: 256,
        frequencyPenalty: -0.5, presencePenalty: 1.5, seed: 7, stop: ["END", "\n\n"], user: "dev",
        projectID: 42, sessionID: "custom-session", logitBias: #"{"50256":-100}"#,
        responseFormat: #"{"type":"json_object"}"#, tools: #"[{"type":"function","function":{"name":"f"}}]"#,
        repositoryIDs: [1, 2], repositoryLimit: 3, similarityThreshold: 0.5)

    private func send(_ parameters: SessionParameters, profile: Profile = premProfile) -> (AppState, [Effect], ChatRequest?) {
        var state = AppState(profile: profile)
        state.parameters = parameters
        state.composer.input = TextInput(text: "Hi")  // as typed (TestStore.type asserts typing)
        let effects = reduce(&state, .keyPressed(.enter, stamp(1000, "S1")))
        for case let .startStream(_, request) in effects { return (state, effects, request) }
        return (state, effects, nil)
    }

    func testEveryFieldGoesIntoTheRequest() {
        let (_, _, request) = send(everyField)
        XCTAssertEqual(request, ChatRequest(
            projectID: 42, model: "gpt-4o-mini", messages: [ChatMessage(role: .user, content: "Hi")],
            systemPrompt: "Be brief.", sessionID: "custom-session",
            temperature: 0.7, topP: 0.9, maxTokens: 256, frequencyPenalty: -0.5, presencePenalty: 1.5, seed: 7,
            stop: ["END", "\n\n"], user: "dev",
            logitBias: .object([(key: "50256", value: .number(-100))]),
            responseFormat: .object([(key: "type", value: .string("json_object"))]),
            tools: .array([.object([(key: "type", value: .string("function")),
                                    (key: "function", value: .object([(key: "name", value: .string("f"))]))])]),
            repositories: RepositoryOptions(ids: [1, 2], limit: 3, similarityThreshold: 0.5)))
    }

    func testTheReplyRecordsTheExactPremBody() {
        var profile = premProfile
        profile.hasAPIKey = true
        let (state, _, _) = send(everyField, profile: profile)
        XCTAssertEqual(state.streaming.active?.reply.request, SentRequest(
            url: "http://127.0.0.1:9/v1/chat/completions", dialect: .prem,
            body: #"{"project_id":42,"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"system_prompt":"Be brief.","session_id":"custom-session","stream":true,"temperature":0.7,"top_p":0.9,"max_tokens":256,"frequency_penalty":-0.5,"presence_penalty":1.5,"seed":7,"stop":["END","\n\n"],"user":"dev","logit_bias":{"50256":-100},"response_format":{"type":"json_object"},"tools":[{"type":"function","function":{"name":"f"}}],"repositories":{"ids":[1,2],"limit":3,"similarity_threshold":0.5}}"#,
            hadAPIKey: true, notCarried: [], historyMessageIDs: ["S1-u"]))
        XCTAssertEqual(state.streaming.active?.reply.parameters, everyField)
        XCTAssertEqual(state.streaming.active?.reply.model, "gpt-4o-mini")
        XCTAssertNil(state.status.notice, "prem carries every field")
    }

    func testOpenAIDropsPremOnlyFieldsAndSaysSo() {
        let openai = Profile(name: "o", baseURL: "https://api.example.com/v1/", dialect: .openai, projectID: nil, defaultModel: "m")
        let (state, effects, request) = send(everyField, profile: openai)
        XCTAssertEqual(request?.projectID, 42, "the request stays dialect-neutral; the encoder drops the field")
        XCTAssertEqual(state.streaming.active?.reply.request, SentRequest(
            url: "https://api.example.com/v1/chat/completions", dialect: .openai,
            body: #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"stream":true,"temperature":0.7,"top_p":0.9,"max_tokens":256,"frequency_penalty":-0.5,"presence_penalty":1.5,"seed":7,"stop":["END","\n\n"],"user":"dev","logit_bias":{"50256":-100},"response_format":{"type":"json_object"},"tools":[{"type":"function","function":{"name":"f"}}]}"#,
            hadAPIKey: false, notCarried: ["project_id", "session_id", "repositories"], historyMessageIDs: ["S1-u"]))
        XCTAssertEqual(state.status.notice, "not sent in openai: project_id, session_id, repositories")
        XCTAssertEqual(effects.count, 4, "the send goes ahead")
    }

    func testOpenAIDoesNotReportTheAutomaticSessionID() {
        let openai = Profile(name: "o", baseURL: "http://h/v1", dialect: .openai, projectID: nil, defaultModel: "m")
        let (state, _, request) = send(SessionParameters(temperature: 1), profile: openai)
        XCTAssertEqual(request?.sessionID, "S1")
        XCTAssertEqual(state.streaming.active?.reply.request?.notCarried, [])
        XCTAssertNil(state.status.notice)
    }

    func testSessionFieldsOverrideTheProfileAndFallBackToIt() {
        let (_, _, plain) = send(SessionParameters())
        XCTAssertEqual(plain?.projectID, 7)
        XCTAssertEqual(plain?.model, "local-echo")
        XCTAssertEqual(plain?.sessionID, "S1")
        XCTAssertEqual(plain.map { [$0.repositoryIDs == nil, $0.repositoryLimit == nil, $0.similarityThreshold == nil] },
                       [true, true, true], "no repository field set: none sent")

        let (_, _, own) = send(SessionParameters(model: "mine", projectID: 99, sessionID: "sid", repositoryLimit: 4))
        XCTAssertEqual(own?.projectID, 99)
        XCTAssertEqual(own?.model, "mine")
        XCTAssertEqual(own?.sessionID, "sid")
        XCTAssertEqual(own.map { RepositoryOptions(ids: $0.repositoryIDs, limit: $0.repositoryLimit, similarityThreshold: $0.similarityThreshold) },
                       RepositoryOptions(limit: 4))
    }

    func testTheSessionsProjectIDSatisfiesPrem() {
        var profile = premProfile
        profile.projectID = nil
        let (refused, effects, _) = send(SessionParameters(), profile: profile)
        XCTAssertEqual(effects, [])
        XCTAssertEqual(refused.status.notice?.contains("project_id"), true)
        let (_, _, request) = send(SessionParameters(projectID: 5), profile: profile)
        XCTAssertEqual(request?.projectID, 5)
    }

    func testAStoredJSONValueThatNoLongerParsesStopsTheSend() {
        let (state, effects, _) = send(SessionParameters(tools: "[{broken"))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(state.status.notice, "tools is not valid JSON: fix or unset it in Parameters.")
        XCTAssertEqual(state.composer.input.text, "Hi", "nothing typed is lost")
    }

    func testATypedValueIsSentAsShown() {
        var state = savedParametersState()
        XCTAssertEqual(typeValue(&state, .temperature, "0.75"),
                       [.saveParameters(SessionParameters(temperature: 0.75), sessionID: "S1", nowMillis: 5000)])
        XCTAssertEqual(typeValue(&state, .stop, "\\n"),
                       [.saveParameters(SessionParameters(temperature: 0.75, stop: ["\n"]), sessionID: "S1", nowMillis: 5000)])
        XCTAssertEqual(apply(&state, [.keyPressed(.alt("4"), stamp(0))] + typing("next")), [])
        let effects = reduce(&state, .keyPressed(.enter, stamp(6000, "S2")))
        guard case let .saveMessage(reply, _)? = effects.first(where: { if case .saveMessage(let m, _) = $0 { return m.role == .assistant } else { return false } })
        else { return XCTFail() }
        XCTAssertEqual(reply.request?.body.contains(#""temperature":0.75"#), true, reply.request?.body ?? "")
        XCTAssertEqual(reply.request?.body.contains(#""stop":"\n""#), true, "one sequence goes as a string")
        XCTAssertEqual(ParameterField.temperature.text(in: state.parameters), "0.75")
    }
}
