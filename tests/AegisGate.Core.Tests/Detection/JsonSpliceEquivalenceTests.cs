using System.Globalization;
using System.Text;
using System.Text.Json;
using AegisGate.Detection.Engine;
using static AegisGate.Detection.Engine.JsonScanner;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// <see cref="JsonScanner.Splice"/> against <see cref="JsonSpliceReference"/>, the splice before runs of unchanged ASCII
/// text were copied directly: the same redacted document, character for character, on seeded random documents (nested
/// objects and arrays, numbers, literals, real-looking secrets, characters the encoder escapes, non-ASCII text,
/// surrogate pairs, and every kind of JSON escape in the original bytes), redacting the secrets and random ranges
/// (overlapping, adjacent, splitting surrogate pairs, covering whole values or numbers).
/// </summary>
public sealed class JsonSpliceEquivalenceTests
{
    private static readonly string[] s_labels = ["AWS_ACCESS_KEY", "EMAIL_ADDRESS", Redactor.CardLabel, "GITHUB_TOKEN", "PHONE_NUMBER", "X"];

    private static readonly string[] s_text =
    [
        "the deploy key is ", "call me on ", " and ", "a", "x = 1; ", "SELECT * FROM t WHERE a > 5", "see https://example.com/a?b=c&d=e",
        "\"", "\\", "/", "<", ">", "&", "'", "+", "`", "%", "=", "\n", "\t", "\r", "\b", "\f", "\u0001", "\u001f", "\u007f", " ",
        "é", "ü", "ß", "Ünïcödé", "中文字符", "\u2028", "\u2029", "\u00a0", "\ufeff", "\ufffd", "\u0600", "\u200b", "\ue000", "\uffff",
        "\ud83d\ude00", "\U0001F4A9", "\U0001D518", "Ω≈ç√",
    ];

    [Test]
    public void Splice_MatchesReference_OnSeededRandomDocuments()
    {
        var spliced = 0;
        var escapedDocuments = 0;
        for (var seed = 0; seed < 8000; seed++)
        {
            var random = new Random(seed);
            var generator = new Generator(random, escapeRate: (seed % 4) switch { 0 => 0, 1 => 0.05, 2 => 0.5, _ => 1 });
            var json = generator.Document();
            escapedDocuments += generator.Escaped ? 1 : 0;
            var (combined, segments) = Collect(json);
            Assert.That(segments, Has.Count.EqualTo(generator.Values.Count));
            for (var i = 0; i < segments.Count; i++)
            {
                Assert.That(combined.Substring(segments[i].TextStart, segments[i].TextLength), Is.EqualTo(generator.Values[i].Text));
            }

            for (var round = 0; round < 3; round++)
            {
                var perValue = Ranges(random, generator.Values);
                if (perValue.Count == 0)
                {
                    continue;
                }

                var lastFour = random.Next(2) == 0;
                var expected = JsonSpliceReference.Splice(json, combined, segments, Copy(perValue), lastFour);
                var actual = JsonScanner.Splice(json, combined, segments, Copy(perValue), lastFour);
                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    Assert.Fail($"seed {seed} round {round}:\noriginal {Encoding.UTF8.GetString(json)}\nexpected {expected}\nactual   {actual}");
                }

                spliced++;
            }
        }

        Assert.That(spliced, Is.GreaterThan(10000));
        Assert.That(escapedDocuments, Is.GreaterThan(3000));
    }

    [Test]
    public void Splice_MatchesReference_OnLongValues()
    {
        // Values longer than the initial buffer, and masks longer than what they replace, grow the output buffer.
        var random = new Random(7);
        for (var n = 0; n < 200; n++)
        {
            var generator = new Generator(random, escapeRate: n % 3 == 0 ? 0 : 0.1, pieces: 400);
            var json = generator.Document();
            var (combined, segments) = Collect(json);
            var perValue = Ranges(random, generator.Values, density: 40);
            if (perValue.Count == 0)
            {
                continue;
            }

            Assert.That(JsonScanner.Splice(json, combined, segments, Copy(perValue), true), Is.EqualTo(JsonSpliceReference.Splice(json, combined, segments, Copy(perValue), true)));
        }
    }

    // The values of the document as the scanner collects them: joined text (one line each) and their token bytes.
    private static (string Combined, List<JsonValueSegment> Segments) Collect(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        var combined = new StringBuilder();
        var segments = new List<JsonValueSegment>();
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
            {
                continue;
            }

            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
            segments.Add(new JsonValueSegment(combined.Length, combined.Length, text.Length, -1, -1, (int)reader.TokenStartIndex, (int)reader.BytesConsumed));
            combined.Append(text).Append('\n');
        }

        return (combined.ToString(), segments);
    }

    // Redactions for some of the values: their secrets and random ranges, with real and odd labels and any severity.
    private static Dictionary<int, List<(int Start, int End, string Label, int Severity)>> Ranges(Random random, List<(string Text, List<(int Start, int End, string Label)> Secrets)> values, int density = 3)
    {
        var perValue = new Dictionary<int, List<(int Start, int End, string Label, int Severity)>>();
        foreach (var index in Enumerable.Range(0, values.Count).OrderBy(_ => random.Next()))
        {
            var (text, secrets) = values[index];
            if (text.Length == 0 || random.Next(3) == 0)
            {
                continue;
            }

            var list = new List<(int Start, int End, string Label, int Severity)>();
            foreach (var (start, end, label) in secrets)
            {
                if (random.Next(5) != 0)
                {
                    list.Add((start, end, label, random.Next(5)));
                }
            }

            for (var k = random.Next(density + 1); k > 0; k--)
            {
                var start = random.Next(text.Length);
                var end = random.Next(4) == 0 ? text.Length : Math.Min(text.Length, start + 1 + random.Next(12));
                list.Add((random.Next(6) == 0 ? 0 : start, end, s_labels[random.Next(s_labels.Length)], random.Next(5)));
            }

            if (list.Count > 0)
            {
                perValue[index] = list;
            }
        }

        return perValue;
    }

    private static Dictionary<int, List<(int Start, int End, string Label, int Severity)>> Copy(Dictionary<int, List<(int Start, int End, string Label, int Severity)>> perValue)
        => perValue.ToDictionary(p => p.Key, p => p.Value.ToList());

    /// <summary>A random JSON document written with random whitespace and escapes, and the decoded text of each value in document order.</summary>
    private sealed class Generator(Random random, double escapeRate, int pieces = 8)
    {
        private readonly StringBuilder _json = new();

        public List<(string Text, List<(int Start, int End, string Label)> Secrets)> Values { get; } = [];

        public bool Escaped { get; private set; }

        public byte[] Document()
        {
            Space();
            Value(0);
            Space();
            return Encoding.UTF8.GetBytes(_json.ToString());
        }

        private void Value(int depth)
        {
            switch (depth >= 4 ? random.Next(4) : random.Next(7))
            {
                case 0:
                case 1:
                    StringValue();
                    break;
                case 2:
                    NumberValue();
                    break;
                case 3:
                    _json.Append(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                    break;
                case 4:
                case 5:
                    {
                        _json.Append('{');
                        var n = random.Next(5);
                        for (var i = 0; i < n; i++)
                        {
                            Separator(i);
                            Write(random.Next(4) == 0 ? Pick() + "k" + i.ToString(CultureInfo.InvariantCulture) : "k" + i.ToString(CultureInfo.InvariantCulture));
                            Space();
                            _json.Append(':');
                            Space();
                            Value(depth + 1);
                        }

                        Space();
                        _json.Append('}');
                        break;
                    }

                default:
                    {
                        _json.Append('[');
                        var n = random.Next(5);
                        for (var i = 0; i < n; i++)
                        {
                            Separator(i);
                            Value(depth + 1);
                        }

                        Space();
                        _json.Append(']');
                        break;
                    }
            }
        }

        private void Separator(int i)
        {
            if (i > 0)
            {
                Space();
                _json.Append(',');
            }

            Space();
        }

        private void StringValue()
        {
            var text = new StringBuilder();
            var secrets = new List<(int Start, int End, string Label)>();
            for (var n = random.Next(pieces + 1); n > 0; n--)
            {
                if (random.Next(4) == 0)
                {
                    var (secret, label) = Secret();
                    secrets.Add((text.Length, text.Length + secret.Length, label));
                    text.Append(secret);
                }
                else
                {
                    text.Append(Pick());
                }
            }

            Values.Add((text.ToString(), secrets));
            Write(text.ToString());
        }

        private void NumberValue()
        {
            var number = random.Next(4) switch
            {
                0 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
                1 => "4377594580798691",
                2 => "-3.25e" + random.Next(20).ToString(CultureInfo.InvariantCulture),
                _ => "0.5",
            };
            Values.Add((number, []));
            _json.Append(number);
        }

        private (string Secret, string Label) Secret() => random.Next(6) switch
        {
            0 => ("AKIA" + From("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), "AWS_ACCESS_KEY"),
            1 => ("jane.doe" + random.Next(1000).ToString(CultureInfo.InvariantCulture) + "@example.org", "EMAIL_ADDRESS"),
            2 => (random.Next(2) == 0 ? "4377 5945 8079 8691" : "4111-1111-1111-1111", Redactor.CardLabel),
            3 => ("ghp_" + From("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36), "GITHUB_TOKEN"),
            4 => ("+44 20 7946 0" + random.Next(100, 999).ToString(CultureInfo.InvariantCulture), "PHONE_NUMBER"),
            _ => ("sk-" + From("abcdefghijklmnopqrstuvwxyz0123456789", 48), "X"),
        };

        private string From(string alphabet, int n)
        {
            var sb = new StringBuilder(n);
            for (var i = 0; i < n; i++)
            {
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            }

            return sb.ToString();
        }

        private string Pick() => s_text[random.Next(s_text.Length)];

        private void Space()
        {
            if (random.Next(3) == 0)
            {
                _json.Append(random.Next(3) switch { 0 => " ", 1 => "\n  ", _ => "\t" });
            }
        }

        // A JSON string token: each character written as it is where JSON allows, or escaped (short or \uXXXX form).
        private void Write(string text)
        {
            _json.Append('"');
            var pairEscaped = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];

                // The two halves of a surrogate pair are both written as they are or both escaped.
                var escape = char.IsLowSurrogate(c) ? pairEscaped : c is '"' or '\\' || c < 0x20 || random.NextDouble() < escapeRate;
                pairEscaped = escape;
                if (!escape)
                {
                    _json.Append(c);
                    continue;
                }

                Escaped = true;
                var shortForm = c switch { '"' => "\\\"", '\\' => "\\\\", '/' => "\\/", '\n' => "\\n", '\t' => "\\t", '\r' => "\\r", '\b' => "\\b", '\f' => "\\f", _ => null };
                if (shortForm is not null && random.Next(2) == 0)
                {
                    _json.Append(shortForm);
                }
                else
                {
                    _json.Append("\\u").Append(((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture));
                }
            }

            _json.Append('"');
        }
    }
}
