import Daemon
import Logging
import Testing

@Suite struct LogPatronDataGuardTests {
    @Test(arguments: [
        "patron", "Patron", "patron_id", "patronId", "PATRONID", "name_of_patron", "patron.email", "surname",
        "given_name", "givenName", "givenname", "email", "e_mail", "E-Mail", "email_address", "address", "Address",
        "phone", "phone_number", "telephone", "postal_address", "physicalAddress", "electronicAddress", "line1",
        "dateOfBirth", "first_name", "last_name",
    ])
    func patronKeysAreRecognized(key: String) {
        #expect(PatronDataGuard.isPatronDataKey(key))
    }

    @Test(arguments: [
        "tx", "peer", "peer_address", "listen_address", "remote_address", "direction", "state", "message_type",
        "requesting_agency", "supplier", "name", "label",
    ])
    func otherKeysAreNot(key: String) {
        #expect(!PatronDataGuard.isPatronDataKey(key))
    }

    @Test func handlerRedactsPatronKeysInBothFormats() {
        let metadata: Logger.Metadata = [
            "patron_id": "P-4711",
            "Surname": "Doe",
            "e_mail": "jane@example.org",
            "tx": "12",
            "peer": ["id": "DE-1", "givenName": "Jane", "contact": ["phone": "+49 1"]],
            "list": [["email": "x@y"], "plain"],
        ]
        for format in LogFormat.allCases {
            let sink = InMemoryLogSink()
            let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(format: format, journald: true, includeLabel: false))
            logger.info("request received", metadata: metadata)
            let line = sink.lines[0]
            for secret in ["P-4711", "Doe", "jane@example.org", "Jane", "+49 1", "x@y"] {
                #expect(!line.contains(secret), "\(format) leaks \(secret)")
            }
            #expect(line.contains("12"))
            #expect(line.contains("DE-1"))
            #expect(line.contains("plain"))
        }
    }

    @Test func logfmtRedactionShape() {
        let sink = InMemoryLogSink()
        var logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(journald: true, includeLabel: false))
        logger[metadataKey: "patron"] = ["id": "P-1", "type": "staff"]
        logger.info("x", metadata: ["address": "Main St 1", "peer": ["surname": "Doe"]])
        #expect(sink.trimmedLines == ["<6>level=info msg=x patron=[redacted] address=[redacted] peer.surname=[redacted]"])
    }

    @Test func jsonRedactionShape() {
        let sink = InMemoryLogSink()
        let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(format: .json, journald: true, includeLabel: false))
        logger.info("x", metadata: ["patronId": .stringConvertible(4711), "peer": ["email": "a@b"]])
        #expect(
            sink.trimmedLines == [
                "<6>{\"level\":\"info\",\"msg\":\"x\",\"patronId\":\"[redacted]\",\"peer\":{\"email\":\"[redacted]\"}}"
            ]
        )
    }

    @Test func scrubsPatronInfoWithAndWithoutPrefix() {
        let xml = """
            <ISO18626Message><request><patronInfo><patronId>P-1</patronId><surname>Doe</surname></patronInfo>\
            <x/></request><ill:patronInfo a="1>2"><ill:givenName>Jane</ill:givenName></ill:patronInfo>\
            <PATRONINFO>caps</PATRONINFO ></ISO18626Message>
            """
        #expect(
            PatronDataGuard.scrubPatronInfo(xml)
                == "<ISO18626Message><request><patronInfo>[redacted]</patronInfo><x/></request>"
                + "<ill:patronInfo>[redacted]</ill:patronInfo><PATRONINFO>[redacted]</PATRONINFO ></ISO18626Message>"
        )
    }

    @Test func scrubEdgeCases() {
        #expect(PatronDataGuard.scrubPatronInfo("no xml here: P-1") == "no xml here: P-1")
        #expect(PatronDataGuard.scrubPatronInfo("a < b and <patronInformation>x</patronInformation>")
            == "a < b and <patronInformation>x</patronInformation>")
        #expect(PatronDataGuard.scrubPatronInfo("<patronInfo/> kept") == "<patronInfo/> kept")
        #expect(PatronDataGuard.scrubPatronInfo("<patronInfo><surname>Doe</sur") == "<patronInfo>[redacted]")
        #expect(PatronDataGuard.scrubPatronInfo("<patronInfo id=\"Doe") == "<patronInfo>[redacted]")
        #expect(
            PatronDataGuard.scrubPatronInfo("ü<patronInfo>Zoë</patronInfo>→<patronInfo>\nx\n</patronInfo>ok")
                == "ü<patronInfo>[redacted]</patronInfo>→<patronInfo>[redacted]</patronInfo>ok"
        )
    }

    @Test func handlerScrubsMessagesValuesAndErrors() {
        struct DecodeFailure: Error, CustomStringConvertible {
            var description: String { "bad body <patronInfo><surname>Doe</surname></patronInfo>" }
        }
        for format in LogFormat.allCases {
            let sink = InMemoryLogSink()
            let logger = makeLineLogger(sink: sink, formatter: LogLineFormatter(format: format, journald: true, includeLabel: false))
            logger.warning(
                "rejected <patronInfo><patronId>P-9</patronId></patronInfo>",
                error: DecodeFailure(),
                metadata: ["body": "<patronInfo>Jane</patronInfo>", "parts": ["<p:patronInfo>Roe</p:patronInfo>"]]
            )
            let line = sink.lines[0]
            for secret in ["P-9", "Doe", "Jane", "Roe"] {
                #expect(!line.contains(secret), "\(format) leaks \(secret)")
            }
            #expect(line.contains("[redacted]"))
        }
    }
}
