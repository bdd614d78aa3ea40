import Foundation

/// A fresh directory under the system's temporary directory, for a fuzz target's database.
public enum TemporaryDirectory {
    /// Creates `illgate-fuzz-<name>-<pid>` and returns its path; stops the process if that is impossible.
    public static func make(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "illgate-fuzz-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot create \(path): \(error)")
        }
        return path
    }
}
