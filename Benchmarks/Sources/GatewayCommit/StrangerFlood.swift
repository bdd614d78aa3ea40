// The strangers' cost: a real peer's callers send for a while alone, then as long again while other tasks
// flood the gateway with messages from an agency that is no configured peer, each `size` bytes (1 MiB by
// default, the largest message a peer may send). Prints the real peer's rate both times, their ratio, and
// how much the database grew per real message each time (the strangers must add nothing).

import Foundation
import Gateway
import ISO18626
import Store

enum StrangerFlood {
    struct Phase {
        var messages: Int
        var databaseBytes: Int
    }

    static func run(
        gateway: Gateway,
        databasePath: String,
        callers: Int,
        duration: Double,
        messageBytes: @escaping @Sendable (String) -> [UInt8],
        context: PeerContext,
        strangers: Int,
        size: Int
    ) async -> (alone: Phase, flooded: Phase, strangersSent: Int) {
        let alone = await phase(gateway: gateway, databasePath: databasePath, callers: callers, duration: duration, tag: "alone", messageBytes: messageBytes, context: context)
        let flood = Task {
            let body = strangerMessage(size: size)
            return await withTaskGroup(of: Int.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var sent = 0
                        for _ in stride(from: worker, to: strangers, by: 4) {
                            if Task.isCancelled { break }
                            _ = await gateway.handle(body, from: PeerContext(authenticatedPeerName: nil, remoteAddress: "192.0.2.1", transport: "http"))
                            sent += 1
                        }
                        return sent
                    }
                }
                return await group.reduce(0, +)
            }
        }
        let flooded = await phase(gateway: gateway, databasePath: databasePath, callers: callers, duration: duration, tag: "flooded", messageBytes: messageBytes, context: context)
        flood.cancel()
        return (alone, flooded, await flood.value)
    }

    /// Real messages committed OK in `duration` seconds, and how much the database (with its WAL) grew.
    private static func phase(
        gateway: Gateway,
        databasePath: String,
        callers: Int,
        duration: Double,
        tag: String,
        messageBytes: @escaping @Sendable (String) -> [UInt8],
        context: PeerContext
    ) async -> Phase {
        let before = databaseBytes(databasePath)
        let deadline = ContinuousClock.now + .milliseconds(Int64(duration * 1000))
        let messages = await withTaskGroup(of: Int.self) { group in
            for caller in 0..<callers {
                group.addTask {
                    var ok = 0
                    var sequence = 0
                    while ContinuousClock.now < deadline {
                        sequence += 1
                        if await gateway.handle(messageBytes("FLOOD-\(tag)-\(caller)-\(sequence)"), from: context).messageStatus == .ok { ok += 1 }
                    }
                    return ok
                }
            }
            return await group.reduce(0, +)
        }
        return Phase(messages: messages, databaseBytes: databaseBytes(databasePath) - before)
    }

    private static func databaseBytes(_ path: String) -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }

    /// A request from ISIL:XX-STRANGER padded to `size` bytes with a long note.
    private static func strangerMessage(size: Int) -> [UInt8] {
        let head = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">
            <request><header><supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>XX-ILLGATE</agencyIdValue></supplyingAgencyId>
            <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>XX-STRANGER</agencyIdValue></requestingAgencyId>
            <timestamp>2026-12-07T10:00:00Z</timestamp><requestingAgencyRequestId>STRANGER-1</requestingAgencyRequestId></header>
            <bibliographicInfo><title>
            """
        let tail = "</title></bibliographicInfo><serviceInfo><serviceType>Loan</serviceType></serviceInfo></request></ISO18626Message>"
        let padding = max(0, size - head.utf8.count - tail.utf8.count)
        return Array(head.utf8) + Array(repeating: UInt8(ascii: "x"), count: padding) + Array(tail.utf8)
    }
}
