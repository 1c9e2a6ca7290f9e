import ArgumentParser
import ChatCore
import Foundation
import StreamProtocol

extension Dialect: ExpressibleByArgument {}

/// Where requests go, how they are retried and where sessions are kept: the options the app
/// and `chatterm ask` share (one definition, so both read them the same way).
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A [profiles.NAME] table of the config file (default: its default_profile).", valueName: "name"))
    var profile: String?

    @Option(help: "Server base URL (prem default: https://app.premai.io; openai default: https://studio.premai.io/api/v1).")
    var baseURL: String?

    @Option(help: "Wire dialect: prem or openai (default: prem).")
    var dialect: Dialect?

    @Option(help: "Prem project id (required by the prem dialect).")
    var projectID: Int?

    @Option(help: "Model name (required by the openai dialect).")
    var model: String?

    @Option(name: .customLong("db"), help: "Session database path.")
    var databasePath: String?

    @Option(help: ArgumentHelp("Retries of a request that fails before its reply starts (429, 5xx, connection), 0–10 (default 3).", valueName: "n"))
    var maxRetries: Int?

    @Option(help: ArgumentHelp("Seconds to wait for the connection (default 10).", valueName: "seconds"))
    var connectTimeout: Double?

    @Option(help: ArgumentHelp("Seconds without data after which a reply is abandoned (default: never).", valueName: "seconds"))
    var idleTimeout: Double?

    @Option(help: ArgumentHelp(
        "Certificate authorities (a PEM file) to trust for this server instead of the system's: a company gateway, a self-hosted server. Verification stays on.",
        valueName: "path"))
    var caFile: String?

    @Option(help: ArgumentHelp("Config file to read instead of the default location (it must exist).", valueName: "path"))
    var config: String?

    @Flag(help: "Read no config file.")
    var noConfig = false

    func validate() throws {
        if noConfig && config != nil { throw ValidationError("--config and --no-config cannot be used together.") }
    }

    /// The config file these options point at (nil with --no-config or when there is none).
    func configFile(environment: [String: String]) throws -> ConfigFileSettings? {
        if noConfig { return nil }
        do {
            return try ConfigLoader.load(explicitPath: config, environment: environment)
        } catch {
            // Exit 64 ("the config file is wrong") without the usage: the command line was right.
            throw CommandFailure(.usage, "\(error)")
        }
    }

    /// Flags, then the file, then defaults (`LaunchSettings.resolve`).
    /// `welcoming`: the full-screen app, which lists what is missing on its welcome screen.
    func settings(
        file: ConfigFileSettings?, environment: [String: String], theme: String? = nil, idleNotice: Int? = nil,
        welcoming: Bool = false
    ) throws -> LaunchSettings {
        var options = LaunchOptions(
            baseURL: baseURL, dialect: dialect, projectID: projectID, model: model, databasePath: databasePath,
            theme: theme, maxRetries: maxRetries, connectTimeoutSeconds: connectTimeout, idleNoticeSeconds: idleNotice,
            idleTimeoutSeconds: idleTimeout, profile: profile)
        options.caFile = caFile
        let settings: LaunchSettings
        do {
            settings = try LaunchSettings.resolve(
                options, file: file, environment: environment, welcoming: welcoming, runKeyCommand: { try KeyCommand.run($0) })
        } catch {
            throw ValidationError("\(error)")
        }
        if let problem = Self.caFileProblem(settings) {
            // Set in the file: the file is wrong (64, no usage); by --ca-file: the flag.
            if settings.caFileOrigin == "--ca-file" { throw ValidationError(problem) }
            throw CommandFailure(.usage, problem)
        }
        return settings
    }

    /// A `ca_file` that cannot be read, said before anything is sent (libcurl would only say
    /// "problem with the SSL CA cert" at the first request).
    static func caFileProblem(_ settings: LaunchSettings) -> String? {
        guard let path = settings.caFile else { return nil }
        return caFileProblem(path).map { "\(settings.caFileOrigin ?? "ca_file"): \($0)" }
    }

    /// Why the CA file at `path` cannot be used, if it cannot (`config check` asks too).
    static func caFileProblem(_ path: String) -> String? {
        do {
            let text = try TextFile.read(path, what: "CA file", maximumBytes: 16 << 20).text
            guard text.contains("-----BEGIN CERTIFICATE-----") else {
                return "CA file \(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)."
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
