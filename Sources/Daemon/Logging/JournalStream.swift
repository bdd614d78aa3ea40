#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
// On Linux `struct stat` can be owned by Dispatch's C module when another dependency pulls that in first;
// MemberImportVisibility then needs this import to see its members.
#if canImport(CDispatch)
import CDispatch
#endif

/// The identity (`device:inode`) of the stream systemd connects a service's output to.
///
/// When systemd points a service's standard output at the journal it sets `$JOURNAL_STREAM` to `dev:ino` of
/// that socket. Output is going to the journal only if file descriptor 1 still has that identity (a shell
/// redirect inside the service would change it). Under the journal, lines carry a `<N>` priority prefix and no
/// timestamp: journald stores the priority and adds its own time.
public struct JournalStream: Hashable, Sendable {
    /// The environment variable systemd sets.
    public static let environmentVariable = "JOURNAL_STREAM"

    /// The device number (`st_dev`).
    public var device: UInt64
    /// The inode number (`st_ino`).
    public var inode: UInt64

    /// Creates an identity from its parts.
    /// - Parameters:
    ///   - device: The device number.
    ///   - inode: The inode number.
    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// Parses a `$JOURNAL_STREAM` value, two decimal numbers separated by a colon.
    /// - Parameter environmentValue: The variable's value, for example `"8:12345"`.
    public init?(environmentValue: String) {
        let parts = environmentValue.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
            return nil
        }
        self.init(device: device, inode: inode)
    }

    /// The identity of an open file descriptor, or `nil` if `fstat(2)` fails.
    /// - Parameter fileDescriptor: The descriptor to examine.
    public init?(fileDescriptor: Int32) {
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0 else {
            return nil
        }
        self.init(
            device: UInt64(truncatingIfNeeded: status.st_dev),
            inode: UInt64(truncatingIfNeeded: status.st_ino)
        )
    }

    /// Whether a descriptor is the journal stream named by a `$JOURNAL_STREAM` value.
    /// - Parameters:
    ///   - environmentValue: The value of `$JOURNAL_STREAM`, or `nil` when it is not set.
    ///   - fileDescriptor: The descriptor to compare, normally 1.
    /// - Returns: `true` when the value parses and names the descriptor's device and inode.
    public static func isJournal(environmentValue: String?, fileDescriptor: Int32) -> Bool {
        guard let environmentValue, let expected = JournalStream(environmentValue: environmentValue),
            let actual = JournalStream(fileDescriptor: fileDescriptor)
        else {
            return false
        }
        return expected == actual
    }

    /// Whether this process's standard output is connected to the journal, judged from `$JOURNAL_STREAM`.
    public static func isStandardOutputJournal() -> Bool {
        let value = getenv(environmentVariable).map { String(cString: $0) }
        return isJournal(environmentValue: value, fileDescriptor: 1)
    }
}
