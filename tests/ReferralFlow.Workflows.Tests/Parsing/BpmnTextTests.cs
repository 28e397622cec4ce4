using System.Text;
using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Templates;

namespace ReferralFlow.Workflows.Tests.Parsing;

public sealed class BpmnTextTests
{
    private static readonly Encoding EucKr = CodePagesEncodingProvider.Instance.GetEncoding(949)!;

    private static string EucKrTemplate() =>
        BundledTemplates.Find("hoarding-household")!.Xml.Replace("encoding=\"UTF-8\"", "encoding=\"EUC-KR\"", StringComparison.Ordinal);

    [Fact]
    public void A_document_declared_as_EUC_KR_is_read_as_such_and_declared_UTF_8()
    {
        var xml = EucKrTemplate();
        Assert.Contains("EUC-KR", xml, StringComparison.Ordinal);

        var result = BpmnText.Decode(EucKr.GetBytes(xml), charset: null);

        Assert.Null(result.Issue);
        Assert.Equal(xml.Replace("encoding=\"EUC-KR\"", "encoding=\"UTF-8\"", StringComparison.Ordinal), result.Xml);
        Assert.True(BpmnParser.Parse(result.Xml!).IsValid);
    }

    [Theory]
    [InlineData("euc-kr")]
    [InlineData("EUC-KR")]
    [InlineData("cp949")]
    [InlineData("ks_c_5601-1987")]
    public void The_transport_charset_wins_over_the_declaration(string charset)
    {
        var xml = BundledTemplates.Find("hoarding-household")!.Xml;

        var result = BpmnText.Decode(EucKr.GetBytes(xml), charset);

        Assert.Equal(xml, result.Xml);
    }

    [Fact]
    public void Bytes_that_are_not_valid_in_the_encoding_are_refused_on_their_line()
    {
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n<b name=\"").Concat(new byte[] { 0xC0, 0x20 }).Concat("\"/></a>"u8.ToArray()).ToArray();

        var result = BpmnText.Decode(bytes, charset: null);

        Assert.Null(result.Xml);
        Assert.Equal(("encoding-invalid", 3), (result.Issue!.Code, result.Issue.Line));
        Assert.Contains("utf-8", result.Issue.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_encoding_is_refused_with_its_name()
    {
        var result = BpmnText.Decode("<?xml version=\"1.0\" encoding=\"x-klingon\"?><a/>"u8.ToArray(), charset: null);

        Assert.Equal(("encoding-not-supported", 1), (result.Issue!.Code, result.Issue.Line));
        Assert.Contains("x-klingon", result.Issue.Text("ko"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_wins_and_is_dropped()
    {
        var result = BpmnText.Decode([.. Encoding.UTF8.GetPreamble(), .. "<?xml version=\"1.0\" encoding=\"EUC-KR\"?><a n=\"사례\"/>"u8.ToArray()], "euc-kr");

        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a n=\"사례\"/>", result.Xml);
    }

    [Fact]
    public void The_parser_reads_a_string_whose_declaration_names_another_encoding()
    {
        Assert.True(BpmnParser.Parse(EucKrTemplate()).IsValid);
    }
}
