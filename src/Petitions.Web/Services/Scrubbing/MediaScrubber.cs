using System.Buffers.Binary;
using System.Text;

namespace Petitions.Web.Services.Scrubbing;

/// <summary>
/// Audio and video keep their tags (artist, recording device, the place an iPhone filmed at) in boxes or chunks beside
/// the sound and the picture. Each container is walked and every box or chunk that does not carry sound, picture or
/// the index to them is turned into padding of the same size, its bytes zeroed: the file keeps its length, so every
/// offset inside it stays right and it plays as before. A box that claims to run past the end is a broken file.
/// MP3's tags sit before and after the frames and are cut off instead.
/// </summary>
internal static class MediaScrubber
{
    public static async Task CleanAsync(SniffedType type, Stream source, string targetPath, CancellationToken ct)
    {
        if (type.Extension == ".mp3")
        {
            await CleanMp3Async(source, targetPath, ct);
            return;
        }
        await MetadataScrubber.CopyAsync(source, targetPath, ct);
        using var file = new FileStream(targetPath, FileMode.Open, FileAccess.ReadWrite);
        try
        {
            switch (type.Extension)
            {
                case ".wav":
                    CleanRiff(file);
                    break;
                case ".flac":
                    CleanFlac(file);
                    break;
                default:
                    CleanBoxes(file, 0, file.Length, "");
                    break;
            }
        }
        catch (ScrubException)
        {
            file.Close();
            File.Delete(targetPath);
            throw;
        }
    }

    // ISO base media (MP4, MOV, M4A): at the top level and inside the movie and its tracks, only these are kept.
    private static readonly HashSet<string> TopBoxes = ["ftyp", "moov", "mdat", "free", "skip", "wide", "moof", "mfra", "sidx", "styp", "pdin", "ssix", "prft"];
    private static readonly HashSet<string> MovieBoxes = ["mvhd", "trak", "mvex", "iods", "free", "skip"];
    private static readonly HashSet<string> TrackBoxes = ["tkhd", "mdia", "edts", "tref", "free", "skip"];

    private static void CleanBoxes(FileStream file, long start, long end, string parent)
    {
        var kept = parent switch { "" => TopBoxes, "moov" => MovieBoxes, _ => TrackBoxes };
        var header = new byte[16];
        var position = start;
        while (position < end)
        {
            if (end - position < 8)
            {
                throw new ScrubException("A box header runs past its container.");
            }
            file.Position = position;
            file.ReadExactly(header, 0, 8);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var name = Encoding.Latin1.GetString(header, 4, 4);
            var headerLength = 8;
            if (size == 1)
            {
                file.ReadExactly(header, 8, 8);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = end - position;
            }
            if (size < headerLength || size > end - position)
            {
                throw new ScrubException("A box claims to run past its container.");
            }
            if (name is "moov" or "trak")
            {
                CleanBoxes(file, position + headerLength, position + size, name);
            }
            else if (!kept.Contains(name))
            {
                file.Position = position + 4;
                file.Write("free"u8);
                Zero(file, position + headerLength, size - headerLength);
            }
            position += size;
        }
    }

    // RIFF WAVE: the format, the samples and the few chunks players need; LIST/INFO, id3, bext, iXML, XMP… become JUNK.
    private static readonly HashSet<string> WaveChunks = ["fmt ", "data", "fact", "cue ", "smpl", "JUNK", "PAD "];

    private static void CleanRiff(FileStream file)
    {
        var header = new byte[8];
        long position = 12;
        while (position < file.Length)
        {
            if (file.Length - position < 8)
            {
                throw new ScrubException("A chunk header runs past the file.");
            }
            file.Position = position;
            file.ReadExactly(header);
            var name = Encoding.Latin1.GetString(header, 0, 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (size > file.Length - position - 8)
            {
                throw new ScrubException("A chunk claims to run past the file.");
            }
            if (!WaveChunks.Contains(name))
            {
                file.Position = position;
                file.Write("JUNK"u8);
                Zero(file, position + 8, size);
            }
            position += 8 + size + (size & 1);
        }
    }

    // FLAC: stream info, seek table, cue sheet and padding are kept; comments, pictures and application blocks become padding.
    private static void CleanFlac(FileStream file)
    {
        var header = new byte[4];
        long position = 4;
        var last = false;
        while (!last)
        {
            if (file.Length - position < 4)
            {
                throw new ScrubException("A metadata block runs past the file.");
            }
            file.Position = position;
            file.ReadExactly(header);
            last = (header[0] & 0x80) != 0;
            var kind = header[0] & 0x7F;
            long length = (header[1] << 16) | (header[2] << 8) | header[3];
            if (length > file.Length - position - 4)
            {
                throw new ScrubException("A metadata block claims to run past the file.");
            }
            if (kind is not (0 or 1 or 3 or 5))
            {
                file.Position = position;
                file.WriteByte((byte)((last ? 0x80 : 0) | 1));
                Zero(file, position + 4, length);
            }
            position += 4 + length;
        }
    }

    /// <summary>MP3: every ID3v2 tag at the start, then an APE tag and an ID3v1 tag at the end, are cut off.</summary>
    private static async Task CleanMp3Async(Stream source, string targetPath, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var start = 0;
        while (bytes.Length - start >= 10 && bytes.Span.Slice(start, 3).SequenceEqual("ID3"u8))
        {
            var s = bytes.Span.Slice(start, 10);
            var size = (s[6] << 21) | (s[7] << 14) | (s[8] << 7) | s[9];
            start += 10 + size + ((s[5] & 0x10) != 0 ? 10 : 0);
            if (start > bytes.Length)
            {
                throw new ScrubException("An ID3 tag claims to run past the file.");
            }
        }
        var end = bytes.Length;
        if (end - start >= 128 && bytes.Span.Slice(end - 128, 3).SequenceEqual("TAG"u8))
        {
            end -= 128;
        }
        if (end - start >= 32 && bytes.Span.Slice(end - 32, 8).SequenceEqual("APETAGEX"u8))
        {
            var footer = bytes.Span.Slice(end - 32, 32);
            var size = BinaryPrimitives.ReadInt32LittleEndian(footer[12..]);
            var withHeader = (BinaryPrimitives.ReadUInt32LittleEndian(footer[20..]) & 0x80000000) != 0;
            end -= size + (withHeader ? 32 : 0);
            if (end < start)
            {
                throw new ScrubException("An APE tag claims to run past the file.");
            }
        }
        await using var target = new FileStream(targetPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await target.WriteAsync(bytes[start..end], ct);
    }

    private static void Zero(FileStream file, long from, long count)
    {
        var zeros = new byte[Math.Min(count, 81920)];
        file.Position = from;
        while (count > 0)
        {
            var n = (int)Math.Min(count, zeros.Length);
            file.Write(zeros, 0, n);
            count -= n;
        }
    }
}
