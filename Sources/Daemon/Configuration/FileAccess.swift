internal import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Reads the files a configuration names, telling "no such file" from "permission denied".
///
/// `FileManager.fileExists` answers `false` when a directory on the path may not be searched (an
/// `/etc/illgate` the service user cannot enter), which would be reported as a missing file; `open(2)`'s
/// `errno` says which it is.
enum FileAccess {
    /// Why a file cannot be read.
    enum Failure: Error, Equatable {
        /// Neither the file nor (a directory on) its path exists.
        case noSuchFile
        /// The file or a directory on its path may not be read by this process.
        case permissionDenied
        /// The path is a directory.
        case isDirectory
        /// Another error, with the system's text.
        case other(String)

        /// The problem as a configuration problem's message (`PATH` is added by the caller where needed).
        var message: String {
            switch self {
            case .noSuchFile: "no such file"
            case .permissionDenied: "permission denied (the user \(FileAccess.userName) may not read it, or may not enter a directory on its path)"
            case .isDirectory: "is a directory, not a file"
            case .other(let text): "cannot read the file: \(text)"
            }
        }
    }

    /// The whole content of the file at `path`.
    static func read(_ path: String) throws(Failure) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw .isDirectory
        }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw .other("\(error)")
        }
    }

    /// Why the file at `path` cannot be read, or `nil` when it can.
    static func problem(_ path: String) -> Failure? {
        do {
            _ = try probe(path)
            return nil
        } catch {
            return error
        }
    }

    /// Opens and closes the file without reading it.
    private static func probe(_ path: String) throws(Failure) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw .isDirectory
        }
    }

    private static func failure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT, ENOTDIR: .noSuchFile
        case EACCES, EPERM: .permissionDenied
        case EISDIR: .isDirectory
        default: .other(String(cString: strerror(code)))
        }
    }

    /// The name of the user this process runs as (its uid when it has no name).
    static var userName: String {
        let uid = getuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "with uid \(uid)" }
        return String(cString: name)
    }
}
