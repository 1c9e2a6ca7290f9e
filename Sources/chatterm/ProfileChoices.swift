import ChatCore
import Foundation

/// The config file's other profiles, resolved at start exactly as `--profile NAME` would (their
/// own base URL, dialect, key source and defaults; the flags given belong to the profile started
/// with). A profile that cannot be resolved (its key variable unset, its key command failing)
/// is listed with the reason, so switching to it can say why not.
enum ProfileChoices {
    struct Resolved {
        var choices: [ProfileChoice]
        /// Settings of every usable profile but the current one, for their endpoints.
        var others: [LaunchSettings]
    }

    static func resolve(file: ConfigFileSettings?, environment: [String: String], current: LaunchSettings) -> Resolved {
        var resolved = Resolved(choices: [ProfileChoice(name: current.profile.name, profile: current.profile)], others: [])
        for configured in file?.profiles ?? [] where configured.name != current.profile.name {
            do {
                let settings = try LaunchSettings.resolve(
                    LaunchOptions(profile: configured.name), file: file, environment: environment,
                    runKeyCommand: { try KeyCommand.run($0) })
                if let problem = ConnectionOptions.caFileProblem(settings) {
                    resolved.choices.append(ProfileChoice(name: configured.name, profile: nil, problem: problem))
                    continue
                }
                resolved.choices.append(ProfileChoice(name: configured.name, profile: settings.profile))
                resolved.others.append(settings)
            } catch {
                resolved.choices.append(ProfileChoice(name: configured.name, profile: nil, problem: "\(error)"))
            }
        }
        return resolved
    }
}
