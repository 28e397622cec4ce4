using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Collaboration;

/// <summary>
/// <c>GET /api/reports/collaboration.csv</c> and <c>.xlsx</c>: the <see cref="CollaborationReport"/> as a table, one row
/// per year, headers in the caller's language (Korean by default). The CSV starts with a UTF-8 byte order mark so Excel
/// reads the Korean headers; the workbook is a real .xlsx written with DocumentFormat.OpenXml.
/// </summary>
public sealed class ExportCollaborationReport(CollaborationReport reports, CurrentUser user)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>A report file: its bytes, content type and download name.</summary>
    public sealed record File(byte[] Content, string ContentType, string Name);

    public async Task<File> CsvAsync(int? from, int? to, CancellationToken cancellationToken)
    {
        var report = await reports.HandleAsync(from, to, cancellationToken);
        return new File(Csv(report, user.Language), CsvContentType, FileName(report, "csv"));
    }

    public async Task<File> XlsxAsync(int? from, int? to, CancellationToken cancellationToken)
    {
        var report = await reports.HandleAsync(from, to, cancellationToken);
        return new File(Xlsx(report, user.Language), XlsxContentType, FileName(report, "xlsx"));
    }

    public static string FileName(CollaborationReport.Report report, string extension) =>
        $"collaboration-{report.From}-{report.To}.{extension}";

    /// <summary>The column headers: year, referrals (of which imported), joint responses, then count/hours/people per kind.</summary>
    public static IReadOnlyList<string> Headers(string language)
    {
        var en = language == "en";
        List<string> headers = en
            ? ["Year", "Referrals", "Of which imported history", "Joint responses", "Hours", "People"]
            : ["연도", "사례 및 서비스 의뢰(건)", "그중 이전 기록(건)", "민-관 협력 대응(회)", "시간", "연인원(명)"];
        foreach (var kind in Enum.GetValues<JointResponseKind>())
        {
            var name = KindName(kind, language);
            headers.AddRange(en ? [$"{name}: count", $"{name}: hours", $"{name}: people"] : [$"{name}(회)", $"{name}(시간)", $"{name}(명)"]);
        }

        return headers;
    }

    public static string KindName(JointResponseKind kind, string language) => (kind, language == "en") switch
    {
        (JointResponseKind.Meeting, false) => "회의",
        (JointResponseKind.Training, false) => "교육",
        (JointResponseKind.JointProject, false) => "공동사업",
        (JointResponseKind.ResourceLinkage, false) => "자원연계활동",
        (JointResponseKind.Meeting, true) => "Meetings",
        (JointResponseKind.Training, true) => "Training",
        (JointResponseKind.JointProject, true) => "Joint projects",
        _ => "Resource linkage",
    };

    /// <summary>One row per year, numbers as numbers (hours as decimals, imported history empty when there is none).</summary>
    public static IEnumerable<IReadOnlyList<object?>> Rows(CollaborationReport.Report report)
    {
        foreach (var y in report.Years)
        {
            var row = new List<object?> { y.Value, y.Referrals, y.ReferralsImported, y.JointResponses.Count, y.JointResponses.Hours, y.JointResponses.People };
            foreach (var k in y.ByKind)
            {
                row.AddRange([k.Count, k.Hours, k.People]);
            }

            yield return row;
        }
    }

    public static byte[] Csv(CollaborationReport.Report report, string language)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Headers(language).Select(Quote)).Append("\r\n");
        foreach (var row in Rows(report))
        {
            csv.AppendJoin(',', row.Select(v => v is IFormattable ? Number(v) : Quote(v?.ToString() ?? ""))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static byte[] Xlsx(CollaborationReport.Report report, string language)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, Headers(language).Cast<object?>()));
            uint index = 2;
            foreach (var row in Rows(report))
            {
                data.Append(Row(index++, row));
            }

            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet
            {
                Id = workbook.GetIdOfPart(sheetPart),
                SheetId = 1,
                Name = language == "en" ? "Collaboration" : "민관협력 실적",
            });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, IEnumerable<object?> values)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var reference = $"{ColumnName(column++)}{index.ToString(CultureInfo.InvariantCulture)}";
            row.Append(value switch
            {
                null => new Cell { CellReference = reference },
                IFormattable => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Number(value)),
                },
                _ => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(value.ToString() ?? "")),
                },
            });
        }

        return row;
    }

    /// <summary>Invariant digits; hours without trailing zeros (248, 2.5).</summary>
    private static string Number(object value) => value is decimal d
        ? d.ToString("0.##", CultureInfo.InvariantCulture)
        : ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);

    private static string ColumnName(int column) =>
        column < 26 ? ((char)('A' + column)).ToString() : $"{(char)('A' + (column / 26) - 1)}{(char)('A' + (column % 26))}";

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
