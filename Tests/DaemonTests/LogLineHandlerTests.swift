import Daemon
import Foundation
import Logging
import Testing

@Suite struct LogLineHandlerTests {
    // MARK: logfmt

    @Test func logfmtFieldOrderAndTimestamp() {
        let sink = InMemoryLogSink()
        var logger = makeLineLogger(sink: sink, formatter: LogLineFormatter())
        logger[metadataKey: "tx"] = "12"
        logger.info("message received", metadata: ["peer": "lender", "direction": "in"])
        #expect(
            sink.lines == [
                "ts=2023-11-14T22:13:20.123Z level=info msg=\"message received\" label=test tx=12 direction=in peer=lender\n"
            ]
        )
    }

    @Test func logfmtQuotesOnlyWhenNeeded() {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink)
        logger.notice(
            "started",
            metadata: [
                "plain": "abc-123_x.y/z:1",
                "space": "a b",
                "equals": "a=b",
                "empty": "",
                "unicode": "Zürich→東京",
                "unicodeSpace": "Zürich Hbf",
            ]
        )
        #expect(
            sink.trimmedLines == [
                "ts=2023-11-14T22:13:20.123Z level=notice msg=started empty=\"\" equals=\"a=b\" plain=abc-123_x.y/z:1 "
                    + "space=\"a b\" unicode=Zürich→東京 unicodeSpace=\"Zürich Hbf\""
            ]
        )
    }

    @Test func logfmtEscapesQuotesBackslashesAndLineBreaks() {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(journald: true, includeLabel: false))
        logger.warning(
            "say \"hi\"\nthen C:\\dir\r\tend\u{1B}[31m\u{2028}x",
            metadata: ["k": "line1\nline2", "q": "\"", "bs": "\\"]
        )
        let line = sink.lines[0]
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(line.hasSuffix("\n"))
        #expect(
            line == "<4>level=warning msg=\"say \\\"hi\\\"\\nthen C:\\\\dir\\r\\tend\\u001b[31m\\u2028x\" "
                + "bs=\"\\\\\" k=\"line1\\nline2\" q=\"\\\"\"\n"
        )
    }

    @Test func logfmtSanitizesKeysAndRenamesReservedOnes() {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(journald: true, includeLabel: false))
        logger.info("x", metadata: ["bad key=\"1\"": "v", "level": "high", "msg": "m"])
        #expect(sink.trimmedLines == ["<6>level=info msg=x bad_key__1_=v meta.level=high meta.msg=m"])
    }

    @Test func logfmtFlattensNestedMetadata() {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(journald: true, includeLabel: false))
        logger.info(
            "nested",
            metadata: [
                "peer": ["role": "lender", "id": "ISIL:DE-1"],
                "codes": ["a", "b c", ["inner": "v"]],
                "none": [:],
                "nothing": [],
                "count": .stringConvertible(42),
            ]
        )
        #expect(
            sink.trimmedLines == [
                "<6>level=info msg=nested codes.0=a codes.1=\"b c\" codes.2.inner=v count=42 none={} nothing=[] "
                    + "peer.id=ISIL:DE-1 peer.role=lender"
            ]
        )
    }

    @Test func labelSourceAndError() {
        struct Failure: Error, CustomStringConvertible {
            var description: String { "peer refused: \"busy\"" }
        }
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(
            sink: sink,
            formatter: LogLineFormatter(journald: true, includeLabel: true, includeSource: true)
        )
        logger.error("delivery failed", error: Failure(), metadata: ["tx": "7"])
        #expect(
            sink.trimmedLines == [
                "<3>level=error msg=\"delivery failed\" label=test source=DaemonTests tx=7 error=\"peer refused: \\\"busy\\\"\""
            ]
        )
    }

    // MARK: JSON

    @Test func jsonLineIsOneCompactObjectInFieldOrder() throws {
        let sink = InMemoryLogSink()
        var logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(format: .json))
        logger[metadataKey: "tx"] = "12"
        logger.info(
            "message \"received\"\n",
            metadata: [
                "peer": "lender",
                "path": "C:\\x",
                "unicode": "Zürich\u{2028}\u{1}",
                "count": .stringConvertible(3),
                "ok": .stringConvertible(true),
                "ratio": .stringConvertible(0.5),
                "nested": ["b": "2", "a": ["x", "y"]],
            ]
        )
        #expect(sink.lines.count == 1)
        let line = sink.lines[0]
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(
            line == "{\"ts\":\"2023-11-14T22:13:20.123Z\",\"level\":\"info\",\"msg\":\"message \\\"received\\\"\\n\","
                + "\"label\":\"test\",\"tx\":\"12\",\"count\":3,\"nested\":{\"a\":[\"x\",\"y\"],\"b\":\"2\"},\"ok\":true,"
                + "\"path\":\"C:\\\\x\",\"peer\":\"lender\",\"ratio\":0.5,\"unicode\":\"Zürich\\u2028\\u0001\"}\n"
        )
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        )
        #expect(object["msg"] as? String == "message \"received\"\n")
        #expect(object["path"] as? String == "C:\\x")
        #expect(object["unicode"] as? String == "Zürich\u{2028}\u{1}")
        #expect(object["count"] as? Int == 3)
        #expect((object["nested"] as? [String: Any])?["b"] as? String == "2")
    }

    @Test func jsonUnderJournaldHasPrefixAndNoTimestamp() throws {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(format: .json, journald: true))
        logger.critical("store unavailable")
        #expect(sink.trimmedLines == ["<2>{\"level\":\"critical\",\"msg\":\"store unavailable\",\"label\":\"test\"}"])
    }

    // MARK: journald

    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func journaldPrefixPerLevel(level: Logger.Level, priority: Int) {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(journald: true, includeLabel: false))
        logger.log(level: level, "event")
        #expect(sink.trimmedLines == ["<\(priority)>level=\(level.rawValue) msg=event"])
        #expect(!sink.lines[0].contains("ts="))
    }

    // MARK: levels and metadata

    @Test func levelFiltering() {
        let sink = InMemoryLogSink()
        var logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(journald: true, includeLabel: false), level: .notice)
        logger.trace("t")
        logger.debug("d")
        logger.info("i")
        logger.notice("n")
        logger.warning("w")
        #expect(sink.trimmedLines == ["<5>level=notice msg=n", "<4>level=warning msg=w"])
        #expect(logger.logLevel == .notice)
        logger.logLevel = .debug
        logger.debug("d2")
        #expect(sink.trimmedLines.last == "<7>level=debug msg=d2")
    }

    @Test func handlerFiltersDirectCallsToo() {
        let sink = InMemoryLogSink()
        let handler = LogLineHandler(label: "x", formatter: LogLineFormatter(journald: true), logLevel: .error, sink: sink)
        handler.log(
            event: LogEvent(level: .info, message: "dropped", metadata: nil, source: nil, file: "f", function: "g", line: 1)
        )
        #expect(sink.lines.isEmpty)
    }

    @Test func metadataIsAValuePerLogger() {
        let sink = InMemoryLogSink()
        var first = makeLineLogger(sink: sink, formatter: LogLineFormatter(journald: true, includeLabel: false))
        first[metadataKey: "tx"] = "1"
        var second = first
        second[metadataKey: "tx"] = "2"
        second[metadataKey: "peer"] = "lender"
        #expect(first[metadataKey: "tx"] == "1")
        #expect(first[metadataKey: "peer"] == nil)
        #expect(second.handler.metadata == ["tx": "2", "peer": "lender"])
        first.info("a")
        second.info("b")
        second[metadataKey: "peer"] = nil
        second.info("c")
        #expect(
            sink.trimmedLines == [
                "<6>level=info msg=a tx=1", "<6>level=info msg=b peer=lender tx=2", "<6>level=info msg=c tx=2",
            ]
        )
    }

    @Test func metadataPrecedenceAndOrder() {
        let sink = InMemoryLogSink()
        let provider = Logger.MetadataProvider { ["trace": "abc", "state": "from-provider"] }
        var logger = makeLineLogger(
            sink: sink,
            formatter: LogLineFormatter(journald: true, includeLabel: false),
            metadataProvider: provider
        )
        logger[metadataKey: "state"] = "from-handler"
        logger[metadataKey: "z_handler"] = "h"
        logger[metadataKey: "peer"] = "handler-peer"
        logger.info("one", metadata: ["peer": "event-peer", "a_event": "e"])
        logger.info("two")
        #expect(
            sink.trimmedLines == [
                "<6>level=info msg=one state=from-provider trace=abc z_handler=h a_event=e peer=event-peer",
                "<6>level=info msg=two peer=handler-peer state=from-provider trace=abc z_handler=h",
            ]
        )
    }

    @Test func keyOrderIsStable() {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(journald: true, includeLabel: false))
        var metadata: Logger.Metadata = [:]
        for index in (0..<50).shuffled() {
            metadata["k\(index)"] = "\(index)"
        }
        for _ in 0..<5 {
            logger.info("same", metadata: metadata)
        }
        #expect(Set(sink.lines).count == 1)
        let keys = sink.trimmedLines[0].split(separator: " ").dropFirst(2).map { $0.split(separator: "=")[0] }
        #expect(keys == keys.sorted())
    }

    // MARK: timestamps

    @Test func timestampFormatting() {
        #expect(LogTimestamp(secondsSince1970: 0).rfc3339 == "1970-01-01T00:00:00.000Z")
        #expect(LogTimestamp(secondsSince1970: 951_782_400, millisecond: 7).rfc3339 == "2000-02-29T00:00:00.007Z")
        #expect(LogTimestamp(secondsSince1970: 4_102_444_799, millisecond: 999).rfc3339 == "2099-12-31T23:59:59.999Z")
        let now = LogTimestamp.now()
        #expect(now.secondsSince1970 > 1_700_000_000)
        #expect((0...999).contains(now.millisecond))
    }

    // MARK: bootstrap factory

    @Test func handlerFactoryUsesConfiguration() {
        let sink = InMemoryLogSink()
        let factory = LoggingSystemSetup.handlerFactory(
            formatter: LogLineFormatter(format: .json, journald: true),
            level: .warning,
            sink: sink
        )
        let logger = Logger(label: "illgate.transport", factory: factory)
        #expect(logger.logLevel == .warning)
        logger.info("hidden")
        logger.error("shown")
        #expect(sink.trimmedLines == ["<3>{\"level\":\"error\",\"msg\":\"shown\",\"label\":\"illgate.transport\"}"])
    }

    @Test func logFormatRawValues() {
        #expect(LogFormat(rawValue: "logfmt") == .logfmt)
        #expect(LogFormat(rawValue: "json") == .json)
        #expect(LogFormat.allCases.count == 2)
    }
}
