public import Foundation

/// Reads and writes ISO 18626 date-times.
///
/// Reading is lenient, as real peers write them: fractions of any length (kept to the millisecond),
/// `Z`, `±hh:mm`, `±hhmm` or `±hh` offsets, no zone (taken as UTC, which the standard asks senders to use),
/// a space instead of `T`, and a date alone, which means the end of that day (`23:59:59Z`, the
/// standard's convention for due dates). Writing is strict: UTC with a `Z`, whole seconds, and
/// milliseconds only when the value has them.
public enum TimestampFormat {
    /// The date as it reads back after a trip through the wire (kept to the millisecond): what to store
    /// next to a date we send, so that both sides hold the same value.
    public static func normalized(_ date: Date) -> Date {
        parse(format(date)) ?? date
    }

    /// Parses a date-time; `nil` if the text is not one.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Formats a date-time as `2026-11-23T10:15:00Z` (or `...00.250Z` when it has milliseconds).
    public static func format(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(date, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``format(_:)``'s text to a byte buffer, without making a string (the encoder's path).
    static func write(_ date: Date, into bytes: inout [UInt8]) {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let milliseconds = Int(((totalMilliseconds % 1000) + 1000) % 1000)
        let seconds = (totalMilliseconds - Int64(milliseconds)) / 1000
        let days = Int(floorDivide(seconds, 86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = civilDate(fromDays: days)
        pad(year, 4, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        pad(month, 2, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        pad(day, 2, into: &bytes)
        bytes.append(UInt8(ascii: "T"))
        pad(secondOfDay / 3600, 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        pad(secondOfDay / 60 % 60, 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        pad(secondOfDay % 60, 2, into: &bytes)
        if milliseconds != 0 {
            bytes.append(UInt8(ascii: "."))
            pad(milliseconds, 3, into: &bytes)
        }
        bytes.append(UInt8(ascii: "Z"))
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = ByteCursor(bytes: bytes)
        cursor.skipWhitespace()
        guard let year = cursor.digits(exactly: 4), cursor.take(UInt8(ascii: "-")),
            let month = cursor.digits(exactly: 2), cursor.take(UInt8(ascii: "-")),
            let day = cursor.digits(exactly: 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), year >= 1
        else { return nil }
        var secondOfDay = 23 * 3600 + 59 * 60 + 59
        var milliseconds = 0
        var offsetSeconds = 0
        if cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: " ")) || cursor.take(UInt8(ascii: "t")) {
            guard let hour = cursor.digits(exactly: 2), cursor.take(UInt8(ascii: ":")),
                let minute = cursor.digits(exactly: 2), hour < 24, minute < 60
            else { return nil }
            var second = 0
            if cursor.take(UInt8(ascii: ":")) {
                guard let parsed = cursor.digits(exactly: 2), parsed < 60 else { return nil }
                second = parsed
                if cursor.take(UInt8(ascii: ".")) || cursor.take(UInt8(ascii: ",")) {
                    guard let fraction = cursor.fractionMilliseconds() else { return nil }
                    milliseconds = fraction
                }
            }
            secondOfDay = hour * 3600 + minute * 60 + second
        }
        if cursor.take(UInt8(ascii: "Z")) || cursor.take(UInt8(ascii: "z")) {
            offsetSeconds = 0
        } else if let sign = cursor.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            cursor.advance()
            guard let hours = cursor.digits(exactly: 2), hours <= 14 else { return nil }
            var minutes = 0
            if cursor.take(UInt8(ascii: ":")) {
                guard let parsed = cursor.digits(exactly: 2) else { return nil }
                minutes = parsed
            } else if let parsed = cursor.digits(exactly: 2) {
                minutes = parsed
            }
            guard minutes < 60 else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { return nil }
        let days = Int64(days(fromCivilYear: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(secondOfDay) - Int64(offsetSeconds)
        return Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1000)
    }

    /// The decimal digits of `value`, zero-padded on the left to `width` (a negative value as `String` writes it).
    private static func pad(_ value: Int, _ width: Int, into bytes: inout [UInt8]) {
        guard value >= 0 else {
            let digits = String(value).utf8
            if digits.count < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
            bytes.append(contentsOf: digits)
            return
        }
        var divisor = 1
        var count = 1
        while value / divisor >= 10 {
            divisor *= 10
            count += 1
        }
        if count < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - count)) }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func days(fromCivilYear year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// A forward-only reader over ASCII bytes, for the timestamp parser.
private struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var isAtEnd: Bool { index >= bytes.count }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func advance() { index += 1 }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    mutating func digits(exactly count: Int) -> Int? {
        guard bytes.count - index >= count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    /// One or more fraction digits, truncated to milliseconds.
    mutating func fractionMilliseconds() -> Int? {
        var value = 0
        var count = 0
        while let byte = peek(), byte >= 0x30, byte <= 0x39 {
            if count < 3 { value = value * 10 + Int(byte - 0x30) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 3) { value *= 10 }
        return value
    }
}
