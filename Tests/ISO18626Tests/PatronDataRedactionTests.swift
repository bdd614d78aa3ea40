import ISO18626
import Testing

/// Error text loses the patron values it quotes before it is logged.
@Suite struct PatronDataRedactionTests {
    @Test(arguments: [
        ("request/patronInfo/sendToPatron: 'maybe' is not Y or N (line 3:20)", "request/patronInfo/sendToPatron: '[redacted]' is not Y or N (line 3:20)"),
        ("request/patronInfo/surname: 'O'Brien' is too long", "request/patronInfo/surname: '[redacted]' is too long"),
        ("not well-formed XML: Entity 'secret' not defined (line 2)", "not well-formed XML: Entity '[redacted]' not defined (line 2)"),
        ("patronId \"P-1\" unknown", "patronId \"[redacted]\" unknown"),
        ("patronInfo/patronId: 'unterminated", "patronInfo/patronId: '[redacted]"),
    ])
    func valuesQuotedForPatronElementsOrInParseErrorsAreRedacted(text: String, logged: String) {
        #expect(PatronDataRedaction.errorText(text) == logged)
    }

    @Test func otherErrorTextIsLeftAlone() {
        let text = "requestingAgencyRequestId: 'R-1' already identifies another request"
        #expect(PatronDataRedaction.errorText(text) == text)
    }

    @Test func knownPatronValuesAreRedactedWhereverTheyAppear() {
        let message = """
            <ill:request><ill:patronInfo><ill:patronId>P-4711</ill:patronId><ill:surname>M&amp;Doe</ill:surname>\
            <ill:sendToPatron>Y</ill:sendToPatron></ill:patronInfo></ill:request>
            """
        let values = PatronDataRedaction.patronValues(inMessage: message)
        #expect(values == ["P-4711", "M&Doe", "Y"])
        #expect(PatronDataRedaction.errorText("borrower P-4711 (M&Doe) is blocked; Y", patronValues: values) == "borrower [redacted] ([redacted]) is blocked; Y")
    }
}
