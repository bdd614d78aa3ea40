import Testing

@testable import Printing

@Suite("Code 128 symbols")
struct Code128SymbolTests {
    @Test("A request id encodes to ordered, disjoint bars that end with the stop pattern's last bar")
    func encodesRequestID() throws {
        let symbol = try Code128Symbol("ILL-2026-000042")
        #expect(symbol.text == "ILL-2026-000042")
        #expect(!symbol.bars.isEmpty)
        #expect(symbol.bars.first?.lowerBound == 0)
        #expect(symbol.bars.last?.upperBound == symbol.modules)
        for (left, right) in zip(symbol.bars, symbol.bars.dropFirst()) {
            #expect(left.upperBound < right.lowerBound)
        }
        // Code 128: start (11) + symbols (11 each) + check (11) + stop (13): modules ≡ 2 (mod 11).
        #expect(symbol.modules % 11 == 2)
        #expect(symbol.modulesWithQuietZones == symbol.modules + 20)
    }

    @Test("Text outside printable ASCII is refused with the text named", arguments: ["", "Łódź", "a\tb"])
    func refusesUnprintable(text: String) {
        #expect(throws: PDFError.self) {
            try Code128Symbol(text)
        }
        do {
            _ = try Code128Symbol(text)
        } catch {
            #expect(error.code == .unencodableBarcode)
        }
    }
}
