using System.ComponentModel.DataAnnotations;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AegisGate.Configuration;

/// <summary>One validation error of a configuration file: where (a dotted path or <c>line:column</c>) and what.</summary>
/// <param name="Path">The location of the error.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ConfigError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>The result of loading a configuration file: a value, or every error found.</summary>
/// <typeparam name="T">The model type.</typeparam>
public sealed class ConfigLoadResult<T>
    where T : class
{
    internal ConfigLoadResult(T? value, IReadOnlyList<ConfigError> errors)
    {
        Value = errors.Count == 0 ? value : null;
        Errors = errors;
    }

    /// <summary>Gets the loaded value, or <see langword="null"/> when there are errors.</summary>
    public T? Value { get; }

    /// <summary>Gets every error found (empty when the file is valid).</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Gets a value indicating whether the file loaded without errors.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Errors.Count == 0 && Value is not null;

    /// <summary>Returns the value or throws with every error listed.</summary>
    /// <param name="source">The file name, for the message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidDataException">The file has errors.</exception>
    public T GetValueOrThrow(string source)
        => IsValid ? Value : throw new InvalidDataException($"{source} is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", Errors));
}

/// <summary>
/// Loads AegisGate's YAML files (<c>configs/*.yaml</c>) with YamlDotNet (snake_case keys, unknown keys are errors)
/// and validates them with DataAnnotations plus an optional custom validator. Every error is collected with its
/// path; nothing stops at the first.
/// </summary>
public static class YamlConfigLoader
{
    /// <summary>The largest YAML file accepted (1 MiB).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Loads and validates a YAML file.</summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="path">The file path.</param>
    /// <param name="validate">Optional rules across fields; add errors to the list.</param>
    /// <returns>The value or the errors.</returns>
    public static ConfigLoadResult<T> LoadFile<T>(string path, Action<T, List<ConfigError>>? validate = null)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return new ConfigLoadResult<T>(null, [new ConfigError(path, "the file does not exist.")]);
            }

            if (info.Length > MaxFileBytes)
            {
                return new ConfigLoadResult<T>(null, [new ConfigError(path, $"the file is larger than {MaxFileBytes} bytes.")]);
            }

            return Load(File.ReadAllText(path), validate);
        }
        catch (IOException ex)
        {
            return new ConfigLoadResult<T>(null, [new ConfigError(path, "the file could not be read: " + ex.GetType().Name)]);
        }
        catch (UnauthorizedAccessException)
        {
            return new ConfigLoadResult<T>(null, [new ConfigError(path, "access to the file was denied.")]);
        }
    }

    /// <summary>Parses and validates YAML text.</summary>
    /// <typeparam name="T">The model type.</typeparam>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="validate">Optional rules across fields.</param>
    /// <returns>The value or the errors.</returns>
    public static ConfigLoadResult<T> Load<T>(string yaml, Action<T, List<ConfigError>>? validate = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = new List<ConfigError>();
        T? value;
        try
        {
            value = CreateDeserializer().Deserialize<T>(yaml);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is { } inner and not YamlException ? inner.Message : ex.Message;
            errors.Add(new ConfigError($"line {ex.Start.Line}, column {ex.Start.Column}", Sanitize(message)));
            return new ConfigLoadResult<T>(null, errors);
        }

        if (value is null)
        {
            errors.Add(new ConfigError("$", "the document is empty."));
            return new ConfigLoadResult<T>(null, errors);
        }

        ValidateObject(value, "$", errors, depth: 0);
        validate?.Invoke(value, errors);
        return new ConfigLoadResult<T>(value, errors);
    }

    /// <summary>Creates the deserializer used for AegisGate YAML files.</summary>
    /// <returns>A deserializer with snake_case naming that rejects unknown keys.</returns>
    public static IDeserializer CreateDeserializer()
        => new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithDuplicateKeyChecking()
            .Build();

    private static string Sanitize(string message)
    {
        // YamlDotNet messages can quote the offending scalar; keep them short so a secret in a file is not logged whole.
        return message.Length > 200 ? message[..200] + "…" : message;
    }

    private static void ValidateObject(object value, string path, List<ConfigError> errors, int depth)
    {
        if (depth > 16)
        {
            return;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Any() ? result.MemberNames : [string.Empty];
            foreach (var member in members)
            {
                errors.Add(new ConfigError(member.Length == 0 ? path : $"{path}.{ToSnake(member)}", result.ErrorMessage ?? "is invalid."));
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length != 0 || property.PropertyType == typeof(string) || property.PropertyType.IsValueType)
            {
                continue;
            }

            var child = property.GetValue(value);
            var childPath = $"{path}.{ToSnake(property.Name)}";
            switch (child)
            {
                case null:
                    break;
                case System.Collections.IDictionary dictionary:
                    foreach (System.Collections.DictionaryEntry entry in dictionary)
                    {
                        if (entry.Value is { } item && !item.GetType().IsValueType && item is not string)
                        {
                            ValidateObject(item, $"{childPath}.{entry.Key}", errors, depth + 1);
                        }
                    }

                    break;
                case System.Collections.IEnumerable list:
                    var index = 0;
                    foreach (var item in list)
                    {
                        if (item is not null && !item.GetType().IsValueType && item is not string)
                        {
                            ValidateObject(item, $"{childPath}[{index}]", errors, depth + 1);
                        }

                        index++;
                    }

                    break;
                default:
                    ValidateObject(child, childPath, errors, depth + 1);
                    break;
            }
        }
    }

    private static string ToSnake(string name) => UnderscoredNamingConvention.Instance.Apply(name);
}
