using System.Text;
using System.Text.RegularExpressions;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>The outcome of <see cref="BpmnText.Decode"/>: the document as text, or why it could not be decoded.</summary>
/// <param name="Xml">The document, its XML declaration (if any) saying UTF-8; null when it could not be decoded.</param>
/// <param name="Issue">The located problem (<c>encoding-not-supported</c>, <c>encoding-invalid</c>) when <paramref name="Xml"/> is null.</param>
/// <param name="Encoding">The name of the encoding the bytes were read in.</param>
public sealed record BpmnDecodeResult(string? Xml, ValidationIssue? Issue, string Encoding);

/// <summary>
/// Turns the bytes of a BPMN document into text the way XML says to: a byte order mark first, then the transport's
/// charset, then the encoding the XML declaration names, else UTF-8. Korean tools still write EUC-KR/CP949, so the
/// code-page encodings are registered. The text's declaration is rewritten to UTF-8, the encoding it is stored in.
/// </summary>
public static partial class BpmnText
{
    private const int DeclarationWindow = 1024;

    static BpmnText() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="bytes"/>; never throws for bad input.</summary>
    /// <param name="bytes">The document as received.</param>
    /// <param name="charset">The transport's charset (e.g. from <c>Content-Type</c>), if any.</param>
    public static BpmnDecodeResult Decode(byte[] bytes, string? charset)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (encoding, bomLength) = FromBom(bytes);
        if (encoding is null)
        {
            var name = charset?.Trim().Trim('"', '\'') is { Length: > 0 } given ? given : DeclaredEncoding(bytes);
            if (name is not null)
            {
                encoding = Resolve(name);
                if (encoding is null)
                {
                    return new BpmnDecodeResult(null, Problem("encoding-not-supported", 1, ("encoding", name)), name);
                }
            }
        }

        encoding ??= new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            var text = encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
            return new BpmnDecodeResult(DeclareUtf8(text), null, encoding.WebName);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = bomLength + Math.Max(ex.Index, 0);
            var line = 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
            return new BpmnDecodeResult(null, Problem("encoding-invalid", line, ("encoding", encoding.WebName), ("offset", offset)), encoding.WebName);
        }
    }

    /// <summary>The text with its XML declaration's encoding (if it names one) replaced by UTF-8.</summary>
    /// <param name="xml">A BPMN document as text.</param>
    public static string DeclareUtf8(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml = xml.TrimStart('\uFEFF');
        var match = DeclarationEncoding().Match(xml);
        return match.Success && !string.Equals(match.Groups["name"].Value, "UTF-8", StringComparison.OrdinalIgnoreCase)
            ? string.Concat(xml.AsSpan(0, match.Groups["name"].Index), "UTF-8", xml.AsSpan(match.Groups["name"].Index + match.Groups["name"].Length))
            : xml;
    }

    // WHATWG treats EUC-KR as windows-949 (its superset, which Korean tools write under that name); so do we.
    private static Encoding? Resolve(string name)
    {
        var normalized = name.Trim().ToLowerInvariant();
        var codePage = normalized switch
        {
            "euc-kr" or "euckr" or "cp949" or "ms949" or "windows-949" or "x-windows-949" or "uhc" or "ks_c_5601-1987" or "ksc5601" => 949,
            _ => 0,
        };
        try
        {
            var encoding = codePage != 0 ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(normalized);
            return Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static (Encoding? Encoding, int BomLength) FromBom(byte[] bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false, true), 3),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false, true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false, true), 2),
        _ => (null, 0),
    };

    private static string? DeclaredEncoding(byte[] bytes)
    {
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, DeclarationWindow));
        var match = DeclarationEncoding().Match(head);
        return match.Success ? match.Groups["name"].Value : null;
    }

    private static ValidationIssue Problem(string code, int line, params (string Name, object? Value)[] args) =>
        Issue.AtLine(IssueSeverity.Error, code, line, args);

    [GeneratedRegex("""\A\s*<\?xml\s[^>]*?\bencoding\s*=\s*["'](?<name>[A-Za-z0-9._:-]{1,40})["']""")]
    private static partial Regex DeclarationEncoding();
}
