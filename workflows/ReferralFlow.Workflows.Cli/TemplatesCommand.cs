using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Cli;

/// <summary><c>templates</c>: lists the bundled templates with their roles and number of steps.</summary>
public static class TemplatesCommand
{
    public static int Run()
    {
        var templates = ParsedTemplate.LoadAll();
        if (templates.Count == 0)
        {
            Console.WriteLine("내장 템플릿이 없습니다. No bundled templates.");
            return 0;
        }

        foreach (var template in templates)
        {
            if (template.Result.Definition is not { } definition)
            {
                Console.WriteLine($"{template.Id}  ({template.Key}: 읽을 수 없음 unreadable, {template.Result.Errors.Count()} error(s))");
                continue;
            }

            var userTasks = definition.NodeList.Count(n => n is UserTask);
            var steps = definition.NodeList.Count(n => n is Activity);
            var validity = template.Result.IsValid ? "" : $"  [유효하지 않음 invalid: {template.Result.Errors.Count()} error(s)]";
            Console.WriteLine($"{definition.Id}  {definition.Name}{validity}");
            Console.WriteLine($"  단계 steps: {steps} ({userTasks} 사용자 과업 user tasks), 역할 roles: {definition.Roles.Count}");
            foreach (var role in definition.Roles)
            {
                Console.WriteLine($"    - {role.Key,-16} {role.Name}");
            }
        }

        return 0;
    }
}
