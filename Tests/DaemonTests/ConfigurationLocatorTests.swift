@testable import Daemon
import Testing

/// The scanner that finds the line of each key, since TOMLKit does not say where values are.
@Suite struct ConfigurationLocatorTests {
    private func line(_ text: String, _ components: [ConfigurationPath.Component]) -> Int? {
        TOMLKeyLocator(text: text).line(of: ConfigurationPath(components: components))
    }

    @Test func tablesKeysAndArrayTables() {
        let text = """
            # [not] = "a table"
            top = 1
            [http]
            listen = "x"   # comment [x]
            [[peers]]
            name = "a"
            [peers.inbound]
            basic_user = "u"
            [[peers]]
            name = "b"
            [peers.outbound]
            token = 'lit'
            """
        #expect(line(text, [.key("top")]) == 2)
        #expect(line(text, [.key("http")]) == 3)
        #expect(line(text, [.key("http"), .key("listen")]) == 4)
        #expect(line(text, [.key("peers"), .index(0)]) == 5)
        #expect(line(text, [.key("peers"), .index(0), .key("inbound"), .key("basic_user")]) == 8)
        #expect(line(text, [.key("peers"), .index(1), .key("name")]) == 10)
        #expect(line(text, [.key("peers"), .index(1), .key("outbound"), .key("token")]) == 12)
        // Missing keys fall back to their table.
        #expect(line(text, [.key("peers"), .index(1), .key("endpoint")]) == 9)
        #expect(line(text, [.key("nowhere")]) == nil)
    }

    @Test func dottedAndQuotedKeys() {
        let text = """
            http.listen = "x"
            "quoted key" . 'other' = 1
            [ "a b" . c ]
            d = 2
            """
        #expect(line(text, [.key("http")]) == 1)
        #expect(line(text, [.key("http"), .key("listen")]) == 1)
        #expect(line(text, [.key("quoted key"), .key("other")]) == 2)
        #expect(line(text, [.key("a b"), .key("c"), .key("d")]) == 4)
    }

    @Test func multilineValuesDoNotConfuseTheScanner() {
        let text = #"""
            a = """
            [fake]
            b = 1 \"""
            """
            c = '''
            [[fake]]
            '''
            d = [
              "x", # [y]
              { e = 1, f = [1,
                2] },
            ]
            g = { h = { i = "}" } }
            j = 1979-05-27 07:32:00Z
            k = 2
            """#
        #expect(line(text, [.key("fake")]) == nil)
        #expect(line(text, [.key("b")]) == nil)
        #expect(line(text, [.key("c")]) == 5)
        #expect(line(text, [.key("d"), .index(0)]) == 9)
        #expect(line(text, [.key("d"), .index(1), .key("f")]) == 10)
        #expect(line(text, [.key("g"), .key("h"), .key("i")]) == 13)
        #expect(line(text, [.key("j")]) == 14)
        #expect(line(text, [.key("k")]) == 15)
    }

    @Test func arrayOfInlineTablesCountsElements() {
        let text = """
            peers = [
              { name = "a" },
              { name = "b",
                endpoint = "x" },
            ]
            """
        #expect(line(text, [.key("peers"), .index(1), .key("endpoint")]) == 4)
    }

    @Test func pathsPrintWithOneBasedPositions() {
        let path = ConfigurationPath.root.appending("peers").appending(index: 1).appending("inbound").appending("basic_user")
        #expect(path.description == "peers[2].inbound.basic_user")
        #expect(ConfigurationPath.root.appending("a b").description == "\"a b\"")
    }

    @Test func suggestions() {
        #expect(KeySuggestion.closest(to: "listne", among: ["listen", "enabled"]) == "listen")
        #expect(KeySuggestion.closest(to: "agency_id", among: ["agency_ids", "name"]) == "agency_ids")
        #expect(KeySuggestion.closest(to: "colour", among: ["listen", "enabled"]) == nil)
    }
}
