import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with `posix_spawn`, capturing what it writes.
///
/// Not Foundation's `Process`: on Linux its `run()` copies each `/proc/self/fd` entry with a fixed-size read
/// that now and then runs past glibc's buffer and crashes the test runner (swift-corelibs-foundation, fixed
/// after Swift 6.3.1). The integration tests run hundreds of `illgate` commands and the printing tests run
/// Poppler and ZBar, so they spawn them here.
public enum SpawnedProgram {
    /// A program that could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` (an absolute path) with `arguments`, in this process's environment or `environment`,
    /// with no standard input; returns its exit status (128 plus the signal that ended it) and its output.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String, error: String) {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else {
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(null) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, null, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        // Nothing else of ours (another test's pipe, a database) reaches the child.
        _ = closeDescriptorsFrom(&actions, 3)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(outputPipe[1])
        close(errorPipe[1])
        guard spawned == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw Failure(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        // Standard error is drained on a thread of its own, so a child filling either pipe never blocks.
        let errorBox = ErrorOutput()
        let errorRead = errorPipe[0]
        let errorReader = Thread { errorBox.set(readAll(errorRead)) }
        errorReader.start()
        let output = readAll(outputPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let error = errorBox.wait()
        close(outputPipe[0])
        close(errorPipe[0])
        let signal = status & 0x7f
        return (signal == 0 ? (status >> 8) & 0xff : 128 + signal, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    /// Everything readable from a descriptor until end of file.
    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }

    /// What the standard-error thread read, handed over once.
    private final class ErrorOutput: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var bytes: [UInt8] = []

        func set(_ bytes: [UInt8]) {
            self.bytes = bytes
            done.signal()
        }

        func wait() -> [UInt8] {
            done.wait()
            return bytes
        }
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which the Glibc module does not export.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func closeDescriptorsFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32

