import Testing

@testable import Printing

@Suite("Text in the standard fonts' encoding")
struct WinAnsiTextTests {
    @Test("Latin-1 and code page 1252 characters keep their bytes")
    func latinText() {
        #expect(WinAnsiText("Café").bytes == [0x43, 0x61, 0x66, 0xE9])
        #expect(WinAnsiText("€ 12 – “x”").bytes == [0x80, 0x20, 0x31, 0x32, 0x20, 0x96, 0x20, 0x93, 0x78, 0x94])
    }

    @Test("Letters outside the encoding print as their base letter")
    func baseLetters() {
        // Latin-1 letters (ó, á) keep their byte; Ł, ź, ř and Ő have none and print as L, z, r and O.
        #expect(WinAnsiText("Łódź Dvořák Ő").bytes == "Lódz Dvorák O".unicodeScalars.map { UInt8($0.value) })
    }

    @Test("Scripts without a base letter print as question marks and control characters as spaces")
    func otherScripts() {
        #expect(WinAnsiText("日本\tA\u{7}").bytes == [0x3F, 0x3F, 0x20, 0x41, 0x20])
        #expect(!WinAnsiText("x\u{0}y").bytes.contains(0))
    }
}
