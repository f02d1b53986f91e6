using AegisGate.AspNetCore.Scanning;

namespace AegisGate.AspNetCore.Tests.Scanning;

/// <summary>The media-type cache must answer exactly what parsing answers, and keep no per-request multipart boundary.</summary>
public sealed class MediaClassifierTests
{
    private static readonly string[] s_types =
    [
        "application/json", "application/json; charset=utf-8", "APPLICATION/JSON; Charset=\"UTF-8\"", "application/problem+json",
        "application/json; charset=iso-8859-1", "text/plain", "text/event-stream", "text/html; charset=utf-16", "application/xml",
        "application/x-www-form-urlencoded", "application/octet-stream", "image/png", "not a media type", "application/", ";",
        "multipart/form-data; boundary=abc123", "multipart/form-data; boundary=\"quoted boundary\"", "multipart/form-data",
        "application/x-ndjson", "text/csv; charset=us-ascii", "  ",
    ];

    [Test]
    public void Classify_RepeatedCalls_AnswerWhatParsingAnswers()
    {
        foreach (var type in s_types)
        {
            string? expectedBoundary = null;
            var expectedKind = string.IsNullOrWhiteSpace(type) ? MediaKind.Text : MediaClassifier.Parse(type, out expectedBoundary);
            for (var i = 0; i < 3; i++)
            {
                var kind = MediaClassifier.Classify(type, out var boundary);
                Assert.That((kind, boundary), Is.EqualTo((expectedKind, expectedBoundary)), $"'{type}', call {i + 1}");
            }
        }
    }

    [Test]
    public void Classify_ManyDistinctValues_StaysCorrectOnceTheCacheIsFull()
    {
        for (var i = 0; i < MediaClassifier.MaxCached * 2; i++)
        {
            var json = MediaClassifier.Classify($"application/vnd.test{i}+json", out _);
            var multipart = MediaClassifier.Classify($"multipart/form-data; boundary=b{i}", out var boundary);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(json, Is.EqualTo(MediaKind.Json));
                Assert.That(multipart, Is.EqualTo(MediaKind.Multipart));
                Assert.That(boundary, Is.EqualTo($"b{i}"));
            }
        }

        Assert.That(MediaClassifier.Classify("application/json; charset=utf-8", out _), Is.EqualTo(MediaKind.Json));
    }
}
