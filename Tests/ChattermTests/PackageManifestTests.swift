import Foundation
import XCTest

/// Package.swift declares exactly what each target imports: no module used through another
/// target's dependencies, and no dependency that nothing imports.
final class PackageManifestTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The platform's own modules, which no manifest declares.
    private let systemModules: Set<String> = ["Foundation", "FoundationNetworking", "XCTest", "Glibc", "Darwin", "Dispatch"]

    func testEveryTargetDeclaresExactlyWhatItImports() throws {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declared = try Self.declaredDependencies(manifest)
        XCTAssertGreaterThan(declared.count, 20, "the manifest reader found the targets")
        for (target, dependencies) in declared {
            var folder = root.appendingPathComponent(target.isTest ? "Tests" : "Sources").appendingPathComponent(target.name)
            // A library only tests use lives beside them (`path: "Tests/…"`).
            if !FileManager.default.fileExists(atPath: folder.path) {
                folder = root.appendingPathComponent("Tests").appendingPathComponent(target.name)
            }
            let imported = try imports(under: folder).subtracting(systemModules)
            XCTAssertEqual(dependencies.sorted(), imported.sorted(), "\(target.name): declared vs imported")
        }
    }

    private func imports(under folder: URL) throws -> Set<String> {
        var modules = Set<String>()
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return modules }
        for case let file as URL in files where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                var words = line.split(separator: " ").map(String.init)
                while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
                if words.count >= 2, words[0] == "import" { modules.insert(words[1]) }
            }
        }
        return modules
    }

    struct TargetName: Hashable {
        var name: String
        var isTest: Bool
    }

    /// Reads this project's manifest style: `let x = Target.Dependency.product(name: "M", …)`
    /// constants, and targets written as `.target(name: "T", dependencies: [ … ], …)`.
    static func declaredDependencies(_ manifest: String) throws -> [TargetName: Set<String>] {
        var constants: [String: String] = [:]
        let constant = try NSRegularExpression(pattern: #"let (\w+) = Target\.Dependency\.product\(name: "(\w+)""#)
        let text = manifest as NSString
        for match in constant.matches(in: manifest, range: NSRange(location: 0, length: text.length)) {
            constants[text.substring(with: match.range(at: 1))] = text.substring(with: match.range(at: 2))
        }
        var result: [TargetName: Set<String>] = [:]
        let target = try NSRegularExpression(pattern: #"\.(target|testTarget|executableTarget)\(\s*name: "([\w-]+)""#)
        for match in target.matches(in: manifest, range: NSRange(location: 0, length: text.length)) {
            let kind = text.substring(with: match.range(at: 1))
            let name = text.substring(with: match.range(at: 2))
            let rest = text.substring(from: match.range.location + match.range.length)
            var dependencies = Set<String>()
            // The dependency list, when the target has one before its closing parenthesis.
            if let list = rest.range(of: "dependencies: ["), rest[..<list.lowerBound].contains(")") == false {
                var depth = 1
                var index = list.upperBound
                var body = ""
                while index < rest.endIndex, depth > 0 {
                    let c = rest[index]
                    if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
                    if depth > 0 { body.append(c) }
                    index = rest.index(after: index)
                }
                let quoted = try NSRegularExpression(pattern: #"\.product\(name: "(\w+)"|"([\w-]+)"|\b(\w+)\b"#)
                let ns = body as NSString
                for item in quoted.matches(in: body, range: NSRange(location: 0, length: ns.length)) {
                    if item.range(at: 1).location != NSNotFound {
                        dependencies.insert(ns.substring(with: item.range(at: 1)))
                    } else if item.range(at: 2).location != NSNotFound {
                        let word = ns.substring(with: item.range(at: 2))
                        let before = ns.substring(to: item.range.location)
                        if !before.hasSuffix("package: ") { dependencies.insert(word) }
                    } else if let module = constants[ns.substring(with: item.range(at: 3))] {
                        dependencies.insert(module)
                    }
                }
            }
            result[TargetName(name: name, isTest: kind == "testTarget")] = dependencies
        }
        return result
    }
}
