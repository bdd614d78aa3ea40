import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn`, for the few commands the daemon runs (the mail command).
///
/// Not Foundation's `Process`: on Linux its `run()` reads `/proc/self/fd` with a fixed-size copy of each
/// directory entry and now and then reads past the end of glibc's buffer and crashes the whole process
/// (swift-corelibs-foundation, fixed after Swift 6.3.1). Here the child gets exactly the three descriptors it
/// is given as its standard input, output and error, and every other descriptor is closed in it.
struct ChildProcess: Sendable {
    /// Why a program could not be started.
    struct SpawnFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The child's process id.
    let pid: pid_t

    /// Starts `executable` (an absolute path) with `arguments` and this process's environment; in the child,
    /// `input`, `output` and `error` become descriptors 0, 1 and 2.
    /// - Throws: ``SpawnFailure`` naming the program and the system's reason.
    static func spawn(_ executable: String, _ arguments: [String], input: Int32, output: Int32, error: Int32) throws(SpawnFailure) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)
        _ = closeDescriptorsFrom(&actions, 3)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else {
            throw SpawnFailure(description: "cannot run \(executable): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid)
    }

    /// Waits for the child to end, on a thread of its own (never blocking the cooperative pool).
    /// - Returns: its exit status, or 128 plus the signal that ended it.
    func exitStatus() async -> Int32 {
        let pid = self.pid
        return await withCheckedContinuation { continuation in
            let waiter = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
            waiter.start()
        }
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; Debian 12 has 2.36): the child closes
/// every descriptor from `lowest` on before it runs the program. The Glibc module does not export it.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func closeDescriptorsFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32

