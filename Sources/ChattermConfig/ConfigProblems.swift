/// The problems found while reading a config file. Each setting is read on its own through
/// `collect`, so one mistake does not hide the next: `chatterm config check` lists them all,
/// and so does the app when it refuses the file.
final class ConfigProblems {
    let path: String
    private(set) var errors: [ConfigError] = []

    init(path: String) {
        self.path = path
    }

    func append(_ error: ConfigError) {
        errors.append(error)
    }

    /// Reads one setting; its problem is kept and nil returned.
    func collect<Value>(_ read: () throws -> Value?) -> Value? {
        do {
            return try read()
        } catch let error as ConfigError {
            errors.append(error)
        } catch let list as ConfigErrors {
            errors.append(contentsOf: list.errors)
        } catch {
            errors.append(ConfigError(path: path, problem: "could not be read (\(error))"))
        }
        return nil
    }
}
