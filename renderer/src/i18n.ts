/** User-facing text in English and Simplified Chinese. Components never hold literal text. */
import { useStore } from './store';

export type Lang = 'en' | 'zh';

const en = {
  appTitle: 'Brain Atlas Studio',
  language: 'Language',
  atlases: 'Atlases',
  filterAtlases: 'Filter atlases',
  loadingAtlases: 'Reading the atlas catalog…',
  statusPresent: 'present',
  statusDownloadable: 'downloadable',
  statusMissing: 'missing',
  open: 'Open',
  download: 'Download',
  downloading: 'Downloading…',
  opening: 'Opening…',
  noAtlasOpen: 'Choose an atlas on the left to open it.',
  kind: 'Kind',
  variant: 'Resolution',
  grid: 'Grid',
  orientation: 'Orientation',
  regions: 'Regions',
  regionTable: 'Regions of the open atlas',
  value: 'Value',
  name: 'Name',
  hemisphere: 'Hemisphere',
  network: 'Network',
  voxels: 'Voxels',
  volume: 'Volume (mm³)',
  centroid: 'Centroid (MNI mm)',
  warnings: 'Notes on this atlas',
  errorTitle: 'Something went wrong',
  dismiss: 'Dismiss',
  left: 'left',
  right: 'right',
  bilateral: 'bilateral',
  summaryCounts: '{present} present · {downloadable} downloadable · {missing} missing',
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  appTitle: '脑图谱工作室',
  language: '语言',
  atlases: '图谱',
  filterAtlases: '筛选图谱',
  loadingAtlases: '正在读取图谱目录…',
  statusPresent: '已在本机',
  statusDownloadable: '可下载',
  statusMissing: '缺失',
  open: '打开',
  download: '下载',
  downloading: '正在下载…',
  opening: '正在打开…',
  noAtlasOpen: '在左侧选择一个图谱以打开。',
  kind: '类型',
  variant: '分辨率',
  grid: '网格',
  orientation: '方向',
  regions: '脑区',
  regionTable: '当前图谱的脑区',
  value: '标签值',
  name: '名称',
  hemisphere: '半球',
  network: '网络',
  voxels: '体素数',
  volume: '体积 (mm³)',
  centroid: '质心 (MNI mm)',
  warnings: '关于此图谱的说明',
  errorTitle: '出现问题',
  dismiss: '关闭',
  left: '左',
  right: '右',
  bilateral: '双侧',
  summaryCounts: '{present} 个已在本机 · {downloadable} 个可下载 · {missing} 个缺失',
};

const messages: Record<Lang, Record<MessageKey, string>> = { en, zh };

export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useStore((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}
