import Foundation
import MCP

// A small MCP server on stdio for ToolServersTests (the repo's own test server,
// `chatterm-server --mcp-stdio`, is another branch's): deterministic tools over two pages of
// `tools/list`, so cursors, allow-lists, results of every kind, errors, slow calls and a crash
// mid-call can be checked against a real child process.

FileHandle.standardError.write(Data("test server: ready on stdio\n".utf8))

let schema: Value = .object(["type": .string("object"), "properties": .object(["text": .object(["type": .string("string")])])])
let firstPage = [
    Tool(name: "echo", description: "Says the text back", inputSchema: schema),
    Tool(name: "fail", description: "Always fails", inputSchema: schema),
]
let secondPage = [
    Tool(name: "sleep", description: "Sleeps for `seconds`", inputSchema: schema),
    Tool(name: "picture", description: "An image and a text", inputSchema: schema),
    Tool(name: "crash", description: "Writes a line to stderr and exits", inputSchema: schema),
]

let server = Server(name: "tool-servers-test", version: "1", capabilities: .init(tools: .init()))
await server.withMethodHandler(ListTools.self) { parameters in
    parameters.cursor == "page-2" ? .init(tools: secondPage) : .init(tools: firstPage, nextCursor: "page-2")
}
await server.withMethodHandler(CallTool.self) { parameters in
    let arguments = parameters.arguments ?? [:]
    switch parameters.name {
    case "echo":
        let keys = arguments.keys.sorted().map { key in
            let value = arguments[key]
            return "\(key)=\(value?.stringValue ?? value?.intValue.map(String.init) ?? "?")"
        }
        return .init(content: [.text(text: "echo: " + keys.joined(separator: ","), annotations: nil, _meta: nil)], isError: false)
    case "fail":
        return .init(content: [.text(text: "it went wrong", annotations: nil, _meta: nil)], isError: true)
    case "sleep":
        let seconds = arguments["seconds"]?.intValue ?? 30
        try await Task.sleep(for: .seconds(seconds))
        return .init(content: [.text(text: "slept \(seconds) s", annotations: nil, _meta: nil)], isError: false)
    case "picture":
        let png = Data(repeating: 7, count: 1234).base64EncodedString()
        return .init(content: [
            .text(text: "a picture:", annotations: nil, _meta: nil),
            .image(data: png, mimeType: "image/png", annotations: nil, _meta: nil),
        ], isError: false)
    case "crash":
        FileHandle.standardError.write(Data("test server: crashing on purpose\n".utf8))
        exit(3)
    default:
        return .init(content: [.text(text: "no tool \(parameters.name)", annotations: nil, _meta: nil)], isError: true)
    }
}
try await server.start(transport: StdioTransport())
await server.waitUntilCompleted()
