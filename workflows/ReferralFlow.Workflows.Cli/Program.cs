using System.Text;
using ReferralFlow.Workflows.Cli;

// Korean names and labels must survive Windows consoles and redirected output.
Console.OutputEncoding = Encoding.UTF8;

var command = args.Length == 0 ? "demo" : args[0];
var rest = args.Skip(1).ToArray();
try
{
    return command switch
    {
        "validate" => ValidateCommand.Run(rest),
        "templates" => TemplatesCommand.Run(),
        "demo" => DemoCommand.Run(rest, TimeProvider.System),
        "help" or "-h" or "--help" => Usage(Console.Out, 0),
        _ => Usage(Console.Error, 2),
    };
}
catch (CliException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

static int Usage(TextWriter writer, int exitCode)
{
    writer.WriteLine("""
        referralflow — ReferralFlow 워크플로 도구 (workflow tool)

        사용법 Usage:
          referralflow validate <file.bpmn>   BPMN 파일 검증 (validate; exit 0 if valid, 1 if not)
          referralflow templates              내장 템플릿 목록 (bundled templates)
          referralflow demo [template-id]     템플릿을 처음부터 끝까지 실행 (walk a template; default hoarding-household)

        인자가 없으면 demo를 실행합니다. With no arguments, runs demo.
        """);
    return exitCode;
}
