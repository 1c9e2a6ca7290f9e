/// The problems found while reading a config file. Each setting is read on its own through
/// `collect`, so one mistake does not hide the next: `chatterm config check` lists them all,
/// and the app refuses the file at the first.
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
        } catch {
            errors.append(ConfigError(path: path, problem: "could not be read (\(error))"))
        }
        return nil
    }
}
