using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features;

/// <summary>
/// Each feature's options come from <c>Workspace:&lt;Section&gt;</c>, are checked when the app
/// starts (not when a rule first fires an hour later), and fail with the key an operator must fix.
/// </summary>
public static class FeatureOptions
{
    public const string Root = "Workspace";

    public static OptionsBuilder<T> AddFeatureOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        var path = section.Length == 0 ? Root : $"{Root}:{section}";
        var config = configuration.GetSection(path);
        services.AddSingleton<IValidateOptions<T>>(new AnnotatedOptionsValidator<T>(path));
        return services.AddOptions<T>()
            .Bind(config)
            .PostConfigure(o => Durations.Reread(o, config))
            .ValidateOnStart();
    }
}

/// <summary>Data annotations on each option, reported as "Workspace:Escalation:NoResponseAfter …".</summary>
internal sealed class AnnotatedOptionsValidator<T>(string path) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        Collect(options, path, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object options, string path, List<string> failures)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var value = property.GetValue(options);
            var key = $"{path}:{property.Name}";
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = key };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateProperty(value, context, results))
            {
                failures.AddRange(results.Select(r => r.ErrorMessage ?? $"{key} is not valid."));
            }
            if (value is not null && Durations.IsOptionsObject(property.PropertyType))
            {
                Collect(value, key, failures);
            }
        }
    }
}

/// <summary>A duration that must be longer than zero (a rule due "now" for ever would fire on every sweep).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveDurationAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not TimeSpan span || span > TimeSpan.Zero;

    public override string FormatErrorMessage(string name) => $"{name} must be a positive duration written hh:mm:ss (e.g. 01:00:00).";
}

/// <summary>A time zone id this machine knows (IANA, e.g. Asia/Shanghai).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeZoneIdAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is string id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public override string FormatErrorMessage(string name) => $"{name} is not a known time zone id (e.g. Asia/Shanghai).";
}
