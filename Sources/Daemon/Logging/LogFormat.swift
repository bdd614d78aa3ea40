/// How the daemon writes its log lines: `.logfmt` (the default, `level=info msg="message received" tx=12`) or
/// `.json` (one object per line). Both put one event on one line.
///
/// This is the configuration's own format type, so `[logging] format = "json"` needs no translation.
public typealias LogFormat = LoggingConfiguration.Format
