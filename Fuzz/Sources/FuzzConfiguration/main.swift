import FuzzSupport
import Daemon
import Foundation

/// `illgate check-config` and the daemon's start: any text read as `illgate.toml` must give a configuration
/// or a ``ConfigurationError`` naming the problems, never a crash or a hang. Relative paths resolve against an
/// empty directory and no environment overrides apply, so each input stands alone.
let workingDirectory = NSTemporaryDirectory() + "illgate-fuzz-configuration-empty"

FuzzDriver.run { bytes in
    // The loader refuses a file that is not UTF-8 before parsing it.
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    do throws(ConfigurationError) {
        _ = try DaemonConfiguration.parse(text: text, path: "fuzz.toml", environment: [:], workingDirectory: workingDirectory)
    } catch {
        // Every refusal must say where: a problem without a message would leave the operator guessing.
        for problem in error.problems where problem.message.isEmpty {
            fatalError("a configuration problem without a message: \(problem)")
        }
    }
}
