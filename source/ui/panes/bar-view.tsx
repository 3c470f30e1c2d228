import { Text } from 'ink';
import { bar, barCells } from '../charts.ts';
import { type ColorName, paint, useTheme } from '../theme.ts';

export type BarViewProps = {
  /** 0…1 */
  share: number;
  width: number;
  color: ColorName;
};

/**
 * A horizontal bar, to be placed inside a `<Text>` line. With colour it is drawn in inverse-video spaces: Ink
 * measures every block glyph with a slow Unicode path on every frame (≈5 µs each), spaces with none. Without
 * colour, styles may be off entirely (e.g. `--no-color`), so it falls back to block glyphs.
 */
export function BarView({ share, width, color }: BarViewProps) {
  const theme = useTheme();
  if (!theme.color) return <Text>{bar(share, width)}</Text>;
  const filled = barCells(share, width);
  return (
    <>
      <Text inverse color={paint(theme, color)}>
        {' '.repeat(filled)}
      </Text>
      <Text inverse color={paint(theme, 'gray')}>
        {' '.repeat(width - filled)}
      </Text>
    </>
  );
}
